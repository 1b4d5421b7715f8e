package io.kvrotator.provider.postgresql;

import java.util.Arrays;
import java.util.Optional;

/**
 * How kv-rotator's own connections use TLS (setting {@code ROTATOR_POSTGRESQL_SSLMODE}). {@code verify-full} checks
 * the server's certificate against the JVM's trust store and its name against the host; {@code disable} is honoured
 * only for a loopback host, so that a password or token never crosses a network in clear text.
 */
enum SslMode {
    VERIFY_FULL("verify-full"),
    REQUIRE("require"),
    DISABLE("disable");

    private final String setting;

    SslMode(String setting) {
        this.setting = setting;
    }

    String setting() {
        return setting;
    }

    static Optional<SslMode> parse(String text) {
        return Arrays.stream(values()).filter(mode -> mode.setting.equals(text)).findFirst();
    }
}
