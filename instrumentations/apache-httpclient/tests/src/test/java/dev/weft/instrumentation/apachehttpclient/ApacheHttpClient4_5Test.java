package dev.weft.instrumentation.apachehttpclient;

/** Every test of {@link ApacheHttpClientTest} with Apache HttpClient 4.5.14, the newest 4.x. */
class ApacheHttpClient4_5Test extends ApacheHttpClientTest {
  @Override
  String version() {
    return "4.5.14";
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
