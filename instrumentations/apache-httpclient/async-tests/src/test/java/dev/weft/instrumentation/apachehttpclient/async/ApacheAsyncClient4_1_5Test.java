package dev.weft.instrumentation.apachehttpclient.async;

import dev.weft.instrumentation.apachehttpclient.async.app.Async4ScenarioApp;

/** Every test of {@link ApacheAsyncClientTest} with Apache HttpAsyncClient 4.1.5, the newest. */
class ApacheAsyncClient4_1_5Test extends ApacheAsyncClientTest {
  ApacheAsyncClient4_1_5Test() {
    super("4.1.5", Async4ScenarioApp.class, "apache-httpasyncclient", false, false);
  }
}
