package dev.weft.instrumentation.apachehttpclient;

/** Every test of {@link ApacheHttpClientTest} with Apache HttpClient 4.3.6, the oldest supported. */
class ApacheHttpClient4_3Test extends ApacheHttpClientTest {
  @Override
  String version() {
    return "4.3.6";
  }

  @Override
  Class<?> app() {
    return dev.weft.instrumentation.apachehttpclient.app.v4.ScenarioApp.class;
  }

  @Override
  String refusedException() {
    return "org.apache.http.conn.HttpHostConnectException";
  }

  @Override
  String noResponseException() {
    return "org.apache.http.NoHttpResponseException";
  }
}
