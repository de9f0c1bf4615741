package io.incidents.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A private certificate authority made at test time with the JDK's keytool (nothing to ship,
 * nothing that expires in the repository), and a server certificate it signs for
 * {@code 127.0.0.1} / {@code localhost}: the broker's PKCS12 keystore and the clients' PKCS12
 * truststore, which holds the CA alone.
 *
 * @param keystore   the server's key and its certificate chain (CA-signed)
 * @param truststore the CA's certificate, for clients
 * @param password   of both stores and of the key
 */
public record TestCertificates(Path keystore, Path truststore, String password) {

    private static final String VALIDITY_DAYS = "2";

    /** Writes {@code ca.p12}, {@code server.p12} and {@code truststore.p12} into {@code dir}. */
    public static TestCertificates create(Path dir) {
        String password = "test-" + Long.toHexString(System.nanoTime());
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        Path signed = dir.resolve("server.crt");
        Path caCert = dir.resolve("ca.crt");
        Path truststore = dir.resolve("truststore.p12");
        // The two key pairs are independent: made side by side, each keytool is a JVM start.
        CompletableFuture<Void> caPair = CompletableFuture.runAsync(() -> keytool("-genkeypair", "-alias", "ca",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Incidents Test CA", "-ext", "bc:c",
                "-validity", VALIDITY_DAYS, "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass", password));
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", VALIDITY_DAYS, "-keystore", server.toString(), "-storetype", "PKCS12", "-storepass", password);
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-storepass", password, "-file", csr.toString());
        caPair.join();
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password, "-infile", csr.toString(),
                "-outfile", signed.toString(), "-rfc", "-validity", VALIDITY_DAYS,
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "eku=serverAuth");
        keytool("-exportcert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password, "-rfc",
                "-file", caCert.toString());
        CompletableFuture<Void> trust = CompletableFuture.runAsync(() -> keytool("-importcert", "-alias", "ca",
                "-file", caCert.toString(), "-keystore", truststore.toString(), "-storetype", "PKCS12",
                "-storepass", password, "-noprompt"));
        // The signed reply is accepted once its issuer is in the keystore.
        keytool("-importcert", "-alias", "ca", "-file", caCert.toString(), "-keystore", server.toString(),
                "-storepass", password, "-noprompt");
        keytool("-importcert", "-alias", "server", "-file", signed.toString(), "-keystore", server.toString(),
                "-storepass", password);
        trust.join();
        return new TestCertificates(server, truststore, password);
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // A short-lived JVM: the quickest start.
        command.add("-J-XX:TieredStopAtLevel=1");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
