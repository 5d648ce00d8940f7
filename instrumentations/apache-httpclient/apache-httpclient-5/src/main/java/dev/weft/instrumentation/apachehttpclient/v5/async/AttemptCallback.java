package dev.weft.instrumentation.apachehttpclient.v5.async;

import dev.weft.instrumentation.httpclient.bootstrap.AsyncCallSpans.Attempt;
import java.io.IOException;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;

/**
 * The main exec's callback for one attempt: notes the response head, ends the span when the exchange
 * completes or fails, then passes every signal on unchanged (the library's own callback, never the
 * application's: the application never sees this object).
 */
final class AttemptCallback implements AsyncExecCallback {
  private final AsyncExecCallback delegate;
  private final Attempt attempt;

  AttemptCallback(AsyncExecCallback delegate, Attempt attempt) {
    this.delegate = delegate;
    this.attempt = attempt;
  }

  @Override
  public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails entityDetails)
      throws HttpException, IOException {
    attempt.setResponse(response);
    return delegate.handleResponse(response, entityDetails);
  }

  @Override
  public void handleInformationResponse(HttpResponse response) throws HttpException, IOException {
    delegate.handleInformationResponse(response);
  }

  @Override
  public void completed() {
    end(null);
    delegate.completed();
  }

  @Override
  public void failed(Exception cause) {
    end(cause);
    delegate.failed(cause);
  }

  void end(Throwable error) {
    try {
      ApacheHttpAsyncClient5Helper.SPANS.endAttempt(attempt, error);
    } catch (Throwable ignored) {
      // a lost span, never a lost response
    }
  }
}
