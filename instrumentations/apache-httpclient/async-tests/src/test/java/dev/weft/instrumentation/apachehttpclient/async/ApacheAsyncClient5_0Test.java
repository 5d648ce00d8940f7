package dev.weft.instrumentation.apachehttpclient.async;

import dev.weft.instrumentation.apachehttpclient.async.app.Async5ScenarioApp;

/** Every test of {@link ApacheAsyncClientTest} with the async API of Apache HttpClient 5.0.4, the oldest 5.x line. */
class ApacheAsyncClient5_0Test extends ApacheAsyncClientTest {
  ApacheAsyncClient5_0Test() {
    super("5.0.4", Async5ScenarioApp.class, "apache-httpclient", true, true);
  }
}
