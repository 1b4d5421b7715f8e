package io.kvrotator.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.localhost.FunctionCatalog;
import io.kvrotator.localhost.FunctionCatalog.TriggerKind;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the Functions host refuses and the local host would serve anyway. */
class HttpRoutesTest {

    @Test
    @DisplayName("no HTTP route starts with admin or runtime: the Functions host keeps those for itself and would not load the function")
    void noRouteInTheHostsReservedSpace() {
        assertThat(FunctionCatalog.scan("io.kvrotator.functions").functions())
                .filteredOn(function -> function.trigger() == TriggerKind.HTTP).isNotEmpty()
                .allSatisfy(function -> assertThat(function.route().replaceFirst("^/+", "").toLowerCase(Locale.ROOT))
                        .as(function.name()).doesNotStartWith("admin").doesNotStartWith("runtime"));
    }
}
