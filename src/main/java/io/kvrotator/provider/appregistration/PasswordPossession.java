package io.kvrotator.provider.appregistration;

import io.kvrotator.failure.RetriedStep;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Proves that a value is a password of an application (DESIGN.md section 4, rule P) and tells which one: its hint
 * (the first characters Graph shows) must match a password of the application, and while that password is
 * unexpired Entra ID must issue a token for it. The {@code CredentialId} tag only picks among matching passwords.
 */
final class PasswordPossession {

    private static final System.Logger LOG = System.getLogger(PasswordPossession.class.getName());
    static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ClientSecretVerifier verifier;
    private final Retry retry;
    private final Clock clock;

    PasswordPossession(ClientSecretVerifier verifier, Retry retry, Clock clock) {
        this.verifier = verifier;
        this.retry = retry;
        this.clock = clock;
    }

    /** The keyId of the password {@code value} is; null when it is proven to be one but several share its hint. */
    String prove(AppRegistration app, SecretVersion current, SecretValue value) {
        List<AppPassword> hinted = app.passwords().stream().filter(password -> matchesHint(password, value)).toList();
        if (hinted.isEmpty()) {
            throw refusal(app, "matches none of its passwords");
        }
        Instant now = clock.instant();
        boolean unexpired = hinted.stream().anyMatch(p -> p.endDateTime() == null || p.endDateTime().isAfter(now));
        if (unexpired && !accepts(app, value)) {
            throw refusal(app, "is not accepted by Entra ID as a client secret of it");
        }
        Optional<String> claimed = claimedKeyId(current);
        if (claimed.isPresent() && hinted.stream().anyMatch(p -> p.keyId().equals(claimed.get()))) {
            return claimed.get();
        }
        claimed.ifPresent(keyId -> LOG.log(Level.WARNING, () -> ("appsecret.credential_id_mismatch secret=%s"
                + " tagged=%s (no password with that keyId matches the value; the value decides)")
                .formatted(current.ref(), keyId)));
        if (!unexpired) {
            throw refusal(app, "belongs to an expired password that its " + Tags.CREDENTIAL_ID + " tag does not name");
        }
        return hinted.size() == 1 ? hinted.get(0).keyId() : null;
    }

    /** Whether Entra ID issues a token for {@code value}; terminal when the application itself cannot sign in. */
    boolean accepts(AppRegistration app, SecretValue value) {
        return RetriedStep.call(retry, Step.PLAN, () -> {
            try {
                verifier.verify(app.appId(), value);
                return true;
            } catch (RuntimeException e) {
                Optional<String> code = EntraErrors.code(e);
                if (code.filter(EntraErrors.SECRET_REFUSED::contains).isPresent()) {
                    return false;
                }
                if (code.filter(EntraErrors.PERMANENT::contains).isPresent()) {
                    throw RotationException.terminal(Step.PLAN, EntraErrors.explain(code.get(), app.appId()));
                }
                throw e;
            }
        });
    }

    static Optional<String> claimedKeyId(SecretVersion version) {
        Optional<String> keyId = version.tag(Tags.CREDENTIAL_ID).map(id -> id.toLowerCase(Locale.ROOT));
        if (keyId.isPresent() && !GUID.matcher(keyId.get()).matches()) {
            throw RotationException.terminal(Step.PLAN, "tag " + Tags.CREDENTIAL_ID + " must be the keyId (the portal's"
                    + " 'Secret ID') of the password this version holds, a GUID");
        }
        return keyId;
    }

    private static boolean matchesHint(AppPassword password, SecretValue value) {
        return password.hint() == null || password.hint().isEmpty() || value.reveal().startsWith(password.hint());
    }

    private static RotationException refusal(AppRegistration app, String why) {
        return RotationException.terminal(Step.PLAN, "refused: the secret's value " + why + " of app registration "
                + app.objectId() + " (appId " + app.appId() + "); nothing was changed");
    }
}
