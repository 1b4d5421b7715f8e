package io.kvrotator.provider.redis;

import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.support.LogText;
import io.kvrotator.vault.SecretValue;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Proves a Redis access key on the cache's data plane: {@code AUTH <key>} then {@code PING} over RESP, on a TLS
 * socket that checks the cache's certificate and host name (Azure: port 6380), or a plain one for a local server.
 * Azure Cache for Redis authenticates an access key as the default user, exactly as {@code AUTH <key>} does.
 */
final class RespAuthVerifier {

    private static final int MAX_REPLY_BYTES = 1024;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    private final RedisEndpoint endpoint;
    private final Duration timeout;

    RespAuthVerifier(RedisEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    /** Returns normally when the cache accepts the key; throws when it refuses it or cannot be reached. */
    void verify(ArmResourceId cache, SecretValue key) {
        String host = endpoint.host(cache.name());
        String reply;
        try (Socket socket = open(host)) {
            OutputStream out = socket.getOutputStream();
            out.write(command("AUTH", key.reveal()));
            out.write(command("PING"));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String auth = readReply(in);
            reply = auth.startsWith("-") ? auth : readReply(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis cache " + cache.name() + " (" + host + ":" + endpoint.port()
                    + ") could not be asked: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        if (!reply.equals("+PONG")) {
            throw new IllegalStateException("Redis cache " + cache.name() + " refused the key: "
                    + LogText.printable(reply.startsWith("-") ? reply.substring(1) : "unexpected reply " + reply));
        }
    }

    private Socket open(String host) throws IOException {
        int millis = (int) timeout.toMillis();
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, endpoint.port()), millis);
            socket.setSoTimeout(millis);
            if (!endpoint.tls()) {
                return socket;
            }
            SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, host, endpoint.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!IP_LITERAL.matcher(host).matches()) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A RESP array of bulk strings, as clients send commands. */
    static byte[] command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** One simple-string ({@code +}) or error ({@code -}) reply line, without its CRLF. */
    static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int next = in.read(); next != -1; next = in.read()) {
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                String reply = new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                if (!reply.startsWith("+") && !reply.startsWith("-")) {
                    throw new IOException("not a RESP status reply: " + LogText.printable(reply));
                }
                return reply;
            }
            if (line.size() >= MAX_REPLY_BYTES) {
                throw new IOException("RESP reply longer than " + MAX_REPLY_BYTES + " bytes");
            }
            line.write(next);
            previous = next;
        }
        throw new IOException("connection closed before a complete reply");
    }
}
