package dev.weft.instrumentation.apachehttpclient;

/** Every test of {@link ApacheHttpClientTest} with Apache HttpClient 5.6.5, the newest. */
class ApacheHttpClient5_6Test extends ApacheHttpClientTest {
  @Override
  String version() {
    return "5.6.5";
  }

  @Override
  Class<?> app() {
    return dev.weft.instrumentation.apachehttpclient.app.v5.ScenarioApp.class;
  }

  @Override
  String refusedException() {
    return "org.apache.hc.client5.http.HttpHostConnectException";
  }

  @Override
  String noResponseException() {
    return "org.apache.hc.core5.http.NoHttpResponseException";
  }
}
