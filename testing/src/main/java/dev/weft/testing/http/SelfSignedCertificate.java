package dev.weft.testing.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away certificate for 127.0.0.1, made with the JDK's {@code keytool} when the tests start
 * (nothing secret is checked in): a key store for the HTTPS server and a trust store holding only
 * this certificate, which the forked application is pointed at with {@code javax.net.ssl.trustStore}.
 */
public final class SelfSignedCertificate {
  public static final String PASSWORD = "weft-test";
  private static final String ALIAS = "weft-test-server";

  private final Path keyStore;
  private final Path trustStore;

  private SelfSignedCertificate(Path keyStore, Path trustStore) {
    this.keyStore = keyStore;
    this.trustStore = trustStore;
  }

  public static SelfSignedCertificate create(Path directory) throws IOException, GeneralSecurityException {
    Files.createDirectories(directory);
    Path keyStore = directory.resolve("server.p12");
    Files.deleteIfExists(keyStore);
    Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
    List<String> command =
        List.of(
            keytool.toString(), "-genkeypair", "-alias", ALIAS,
            "-keyalg", "EC", "-groupname", "secp256r1",
            "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
            "-validity", "2",
            "-storetype", "PKCS12", "-keystore", keyStore.toString(),
            "-storepass", PASSWORD, "-keypass", PASSWORD);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("keytool failed: " + String.join(" ", command) + "\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    }

    // A trust store with the certificate as a trusted entry (not a key entry), as a client has it.
    KeyStore keys = load(keyStore);
    Certificate certificate = keys.getCertificate(ALIAS);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry(ALIAS, certificate);
    Path trustStore = directory.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      trusted.store(out, PASSWORD.toCharArray());
    }
    return new SelfSignedCertificate(keyStore, trustStore);
  }

  /** The server side: presents the certificate. */
  public SSLContext serverContext() throws IOException, GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(load(keyStore), PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  /** For {@code -Djavax.net.ssl.trustStore}; type PKCS12, password {@link #PASSWORD}. */
  public Path trustStore() {
    return trustStore;
  }

  private static KeyStore load(Path path) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }
}
