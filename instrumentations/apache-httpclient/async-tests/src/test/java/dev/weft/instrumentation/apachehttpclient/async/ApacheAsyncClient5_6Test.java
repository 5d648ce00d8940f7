package dev.weft.instrumentation.apachehttpclient.async;

import dev.weft.instrumentation.apachehttpclient.async.app.Async5ScenarioApp;

/** Every test of {@link ApacheAsyncClientTest} with the async API of Apache HttpClient 5.6.5, the newest. */
class ApacheAsyncClient5_6Test extends ApacheAsyncClientTest {
  ApacheAsyncClient5_6Test() {
    super("5.6.5", Async5ScenarioApp.class, "apache-httpclient", true, true);
  }
}
