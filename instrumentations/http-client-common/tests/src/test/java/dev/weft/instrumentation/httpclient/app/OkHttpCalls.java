package dev.weft.instrumentation.httpclient.app;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Service A's calls with OkHttp. */
final class OkHttpCalls {
  private static final OkHttpClient CLIENT = new OkHttpClient();

  private OkHttpCalls() {}

  static String execute(String url) throws IOException {
    try (Response response = CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
      return response.code() + " " + response.body().string();
    }
  }

  /** The call runs on OkHttp's dispatcher threads; the servlet thread waits for the callback. */
  static String enqueue(String url) throws Exception {
    CompletableFuture<String> answer = new CompletableFuture<>();
    CLIENT.newCall(new Request.Builder().url(url).build()).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        answer.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          answer.complete(response.code() + " " + response.body().string());
        } catch (IOException e) {
          answer.completeExceptionally(e);
        }
      }
    });
    return answer.get(20, TimeUnit.SECONDS);
  }
}
