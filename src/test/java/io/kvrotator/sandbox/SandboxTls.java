package io.kvrotator.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The sandbox's HTTPS material: a self-signed certificate for {@code localhost}/{@code 127.0.0.1} made with
 * {@code keytool} on first use (never committed), and a trust store holding only that certificate, which
 * {@link #install()} makes the JVM's default so that the real SDK clients trust the stand-ins.
 */
public final class SandboxTls {

    private static final String TRUST_PASSWORD = "sandbox-trust"; // guards a public certificate only
    private static SandboxTls installed;

    private final SSLContext serverContext;
    private final Path trustStore;

    private SandboxTls(SSLContext serverContext, Path trustStore) {
        this.serverContext = serverContext;
        this.trustStore = trustStore;
    }

    public static synchronized SandboxTls install() {
        if (installed == null) {
            installed = create(Path.of(System.getProperty("kvrotator.sandbox.dir", "target/sandbox"), "tls"));
            System.setProperty("javax.net.ssl.trustStore", installed.trustStore.toAbsolutePath().toString());
            System.setProperty("javax.net.ssl.trustStorePassword", TRUST_PASSWORD);
            System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            // Make the JVM's default TLS context one over that trust store now, even if something in this JVM built
            // the default already (an HttpClient made before the first sandbox, say): the JDK's HTTP client, which
            // the app's SDK clients use, takes the default context, and the default is built only once.
            try {
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(installed.trustStore)) {
                    store.load(in, TRUST_PASSWORD.toCharArray());
                }
                trust.init(store);
                SSLContext client = SSLContext.getInstance("TLS");
                client.init(null, trust.getTrustManagers(), null);
                SSLContext.setDefault(client);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot build the default TLS context over the sandbox trust store", e);
            }
        }
        return installed;
    }

    public SSLContext serverContext() {
        return serverContext;
    }

    public Path trustStore() {
        return trustStore;
    }

    private static SandboxTls create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path keyStore = dir.resolve("server.p12");
            Path passwordFile = dir.resolve("server.password");
            Path trustStore = dir.resolve("truststore.p12");
            if (!Files.exists(keyStore) || !Files.exists(passwordFile) || !Files.exists(trustStore)) {
                generate(dir, keyStore, passwordFile, trustStore);
            }
            char[] password = Files.readString(passwordFile).trim().toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, password);
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return new SandboxTls(context, trustStore);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare the sandbox TLS material in " + dir, e);
        }
    }

    private static void generate(Path dir, Path keyStore, Path passwordFile, Path trustStore)
            throws IOException, GeneralSecurityException {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path tmpKeyStore = Files.createTempFile(dir, "server", ".p12");
        Files.delete(tmpKeyStore);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "sandbox", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "30", "-storetype", "PKCS12", "-keystore", tmpKeyStore.toString(),
                "-storepass", password, "-keypass", password));

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tmpKeyStore)) {
            keys.load(in, password.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sandbox", keys.getCertificate("sandbox"));
        Path tmpTrust = Files.createTempFile(dir, "trust", ".p12");
        try (OutputStream out = Files.newOutputStream(tmpTrust)) {
            trust.store(out, TRUST_PASSWORD.toCharArray());
        }
        Files.writeString(passwordFile, password);
        Files.move(tmpTrust, trustStore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpKeyStore, keyStore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
