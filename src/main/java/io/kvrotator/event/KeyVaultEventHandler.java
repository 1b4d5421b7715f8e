package io.kvrotator.event;

import io.kvrotator.rotation.RotationOutcome;
import io.kvrotator.rotation.RotationRequest;
import io.kvrotator.rotation.Rotator;
import io.kvrotator.rotation.Trigger;
import io.kvrotator.vault.VaultAllowList;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Admits Key Vault events (protocol step 1) and hands each one to the {@link Rotator}. What cannot be admitted is
 * logged with its reason and completed: a malformed event must not loop through Event Grid's retries.
 */
public final class KeyVaultEventHandler {

    private static final System.Logger LOG = System.getLogger(KeyVaultEventHandler.class.getName());

    private final KeyVaultEventParser parser;
    private final VaultAllowList allowedVaults;
    private final Rotator rotator;

    public KeyVaultEventHandler(KeyVaultEventParser parser, VaultAllowList allowedVaults, Rotator rotator) {
        this.parser = parser;
        this.allowedVaults = allowedVaults;
        this.rotator = rotator;
    }

    /** Handles one delivery (one event or an array) and says whether Event Grid should deliver it again. */
    public Delivery handle(String body) {
        List<Handled> handled = new ArrayList<>();
        List<ParsedEvent.Rejected> rejections = new ArrayList<>();
        for (ParsedEvent admitted : admit(body)) {
            if (admitted instanceof ParsedEvent.Rejected rejection) {
                rejections.add(rejection);
                LOG.log(Level.WARNING, () -> "event.rejected eventId=%s why=\"%s\" (completed without retry)"
                        .formatted(rejection.eventId(), rejection.reason()));
            } else if (admitted instanceof ParsedEvent.Accepted accepted) {
                KeyVaultEvent event = accepted.event();
                handled.add(new Handled(event, rotator.rotate(new RotationRequest(event.secret(),
                        new Trigger.Event(event.id()), event.type().shortName(), event.version(), event.eventTime(),
                        event.type() == KeyVaultEventType.SECRET_EXPIRED))));
            }
        }
        return new Delivery(handled, rejections);
    }

    /** Protocol step 1 alone, changing and logging nothing: each event of a delivery, admitted or rejected. */
    public List<ParsedEvent> admit(String body) {
        return parser.parse(body).stream().map(this::admit).toList();
    }

    private ParsedEvent admit(ParsedEvent parsed) {
        if (parsed instanceof ParsedEvent.Accepted accepted) {
            Optional<String> notAllowed = allowedVaults.problem(accepted.event().secret().vault());
            if (notAllowed.isPresent()) {
                return new ParsedEvent.Rejected(accepted.event().id(), notAllowed.get());
            }
        }
        return parsed;
    }

    /** One admitted event and how its rotation request ended. */
    public record Handled(KeyVaultEvent event, RotationOutcome outcome) {
    }

    /** The result of one delivery: the events handed to the rotator, and those rejected with their reasons. */
    public record Delivery(List<Handled> handled, List<ParsedEvent.Rejected> rejections) {

        public Delivery {
            handled = List.copyOf(handled);
            rejections = List.copyOf(rejections);
        }

        public List<RotationOutcome> outcomes() {
            return handled.stream().map(Handled::outcome).toList();
        }

        /** True when an event failed in a way a later delivery can fix: the function must throw. */
        public boolean shouldRedeliver() {
            return outcomes().stream().anyMatch(o -> o instanceof RotationOutcome.Failed failed && failed.retryable());
        }

        public String redeliveryReason() {
            return outcomes().stream()
                    .filter(o -> o instanceof RotationOutcome.Failed failed && failed.retryable())
                    .map(o -> o.secret() + ": " + ((RotationOutcome.Failed) o).failure().message())
                    .collect(Collectors.joining("; "));
        }
    }
}
