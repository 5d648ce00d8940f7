package dev.weft.agent.apps;

import java.net.HttpURLConnection;
import java.net.URL;

/**
 * Makes one {@link HttpURLConnection} call as the very first thing in {@code main}, while the agent is
 * most likely still building the SDK on its background thread: a command-line tool's only call.
 */
public final class EarlyCallApp {
  private EarlyCallApp() {}

  public static void main(String[] args) throws Exception {
    HttpURLConnection connection = (HttpURLConnection) new URL(args[0]).openConnection();
    int status = connection.getResponseCode();
    connection.getInputStream().close();
    System.out.println("status " + status);
  }
}
