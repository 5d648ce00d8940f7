package dev.weft.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1, made with the JDK's keytool: a PKCS#12 key store for a
 * server, and PEM files of the certificate (for the client to trust, as OTEL_EXPORTER_OTLP_CERTIFICATE)
 * and of the private key.
 */
public final class TestCertificate {
  private static final char[] PASSWORD = "weft-test".toCharArray();
  private static final String ALIAS = "collector";

  private final Path keyStore;
  private final Path certificatePem;
  private final Path privateKeyPem;

  private TestCertificate(Path keyStore, Path certificatePem, Path privateKeyPem) {
    this.keyStore = keyStore;
    this.certificatePem = certificatePem;
    this.privateKeyPem = privateKeyPem;
  }

  /** Creates the files in {@code dir}. */
  public static TestCertificate create(Path dir) {
    try {
      Files.createDirectories(dir);
      Path keyStore = dir.resolve("collector.p12");
      Path certificatePem = dir.resolve("collector-cert.pem");
      Path privateKeyPem = dir.resolve("collector-key.pem");
      Files.deleteIfExists(keyStore);
      keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
          "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
          "-keystore", keyStore.toString(), "-storepass", new String(PASSWORD));
      keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(),
          "-storepass", new String(PASSWORD), "-file", certificatePem.toString());
      PrivateKey key = (PrivateKey) load(keyStore).getKey(ALIAS, PASSWORD);
      String pem = "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
      Files.write(privateKeyPem, pem.getBytes(StandardCharsets.US_ASCII));
      return new TestCertificate(keyStore, certificatePem, privateKeyPem);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not make a test certificate", e);
    }
  }

  /** The certificate, PEM. */
  public Path certificatePem() {
    return certificatePem;
  }

  /** The private key, PKCS#8 PEM. */
  public Path privateKeyPem() {
    return privateKeyPem;
  }

  /** A server-side TLS context that presents this certificate. */
  public SSLContext serverContext() {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(load(keyStore), PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not load the test certificate", e);
    }
  }

  private static KeyStore load(Path keyStore) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  private static void keytool(String... args) throws IOException {
    String[] command = new String[args.length + 1];
    command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran", e);
    }
  }
}
