package io.kvrotator.provider.appregistration;

import io.kvrotator.failure.RetriedStep;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.ProviderCredential;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.ValueFormat;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Entra ID app registration client secrets: each rotation adds a new password to the application (ending when the
 * new version expires: 18 months by default) and leaves the one in use alone. Passwords kv-rotator made for the
 * secret are removed once superseded for longer than the overlap; passwords anyone else made are never touched
 * (except by a revocation, which removes every other password).
 */
public final class AppRegistrationSecretProvider implements CredentialProvider<AppSecretPlan> {

    public static final String TYPE = "AppRegistrationSecret";

    private static final System.Logger LOG = System.getLogger(AppRegistrationSecretProvider.class.getName());

    private final AppPasswords passwords;
    private final ClientSecretVerifier verifier;
    private final Retry verifyRetry;
    private final Period defaultValidity;
    private final PasswordRetirement retirement;
    private final PasswordPossession possession;
    private final Clock clock;

    public AppRegistrationSecretProvider(AppPasswords passwords, ClientSecretVerifier verifier, Retry verifyRetry,
                                         Period defaultValidity, PasswordRetirement retirement, Clock clock) {
        this.passwords = passwords;
        this.verifier = verifier;
        this.verifyRetry = verifyRetry;
        this.defaultValidity = defaultValidity;
        this.retirement = retirement;
        this.possession = new PasswordPossession(verifier, verifyRetry, clock);
        this.clock = clock;
    }

    @Override
    public String credentialType() {
        return TYPE;
    }

    @Override
    public Period defaultValidity() {
        return defaultValidity;
    }

    /** Reads the application once; issue, verify, discard and retire of this rotation use what was read here. */
    @Override
    public AppSecretPlan plan(SecretVersion current, SecretValue currentValue, ResourceScope scope) {
        verifier.notReady().ifPresent(reason -> {
            throw RotationException.terminal(Step.PLAN, "new app secrets cannot be verified: " + reason);
        });
        if (ValueFormat.of(current) != ValueFormat.KEY) {
            throw RotationException.terminal(Step.PLAN, "tag " + Tags.VALUE_FORMAT + " must be "
                    + ValueFormat.KEY.tagValue() + " (or absent) for " + TYPE + ": the value is the client secret;"
                    + " nothing was changed");
        }
        PasswordPossession.claimedKeyId(current);
        AppRegistration app = passwords.find(application(current));
        scope.requireApplication(app.objectId(), app.appId());
        String inUse = possession.prove(app, current, currentValue);
        return new AppSecretPlan(current, app, inUse, retirement.overlap().toDays());
    }

    @Override
    public IssuedCredential issue(AppSecretPlan plan, Instant expiresOn) {
        return passwords.add(plan.app().objectId(), PasswordLabel.of(plan.current().ref(), clock.instant()), expiresOn);
    }

    @Override
    public void verify(AppSecretPlan plan, IssuedCredential issued) {
        String appId = plan.app().appId();
        RetriedStep.run(verifyRetry, Step.VERIFY, () -> {
            try {
                verifier.verify(appId, issued.value());
            } catch (RuntimeException e) {
                Optional<String> code = EntraErrors.code(e).filter(EntraErrors.PERMANENT::contains);
                if (code.isPresent()) {
                    throw RotationException.terminal(Step.VERIFY, EntraErrors.explain(code.get(), appId));
                }
                throw e;
            }
        });
    }

    @Override
    public void discard(AppSecretPlan plan, IssuedCredential issued) {
        passwords.remove(plan.app().objectId(), issued.credentialId());
        LOG.log(Level.INFO, () -> "appsecret.discarded secret=%s application=%s keyId=%s (never stored)"
                .formatted(plan.current().ref(), plan.app().objectId(), issued.credentialId()));
    }

    @Override
    public void retire(AppSecretPlan plan, IssuedCredential issued, Instant now) {
        Set<String> inUse = new HashSet<>(Set.of(issued.credentialId()));
        List<Instant> versionsCreated = new ArrayList<>(List.of(now));
        if (plan.currentCredentialId() != null) {
            inUse.add(plan.currentCredentialId());
            Optional.ofNullable(plan.current().createdOn()).ifPresent(versionsCreated::add);
        }
        // The passwords as read before the new one was added: only this rotation, under the lock, adds or removes
        // kv-rotator's passwords for this secret, and the new one is in use anyway.
        removeOverdue(plan.current().ref(), plan.app(), inUse, versionsCreated, now);
    }

    @Override
    public boolean retiresOverdue() {
        return true;
    }

    /**
     * For the daily sweep: removes the passwords kv-rotator made for this secret that the latest version (or an
     * earlier one) superseded more than the overlap ago. Never the one the latest version was proven to hold;
     * nothing when that password could not be told apart.
     */
    @Override
    public List<String> retireOverdue(AppSecretPlan plan, Instant now) {
        SecretVersion latest = plan.current();
        if (plan.currentCredentialId() == null || latest.createdOn() == null) {
            LOG.log(Level.INFO, () -> "appsecret.retire_skipped secret=%s why=\"the password in use is not known\""
                    .formatted(latest.ref()));
            return List.of();
        }
        return removeOverdue(latest.ref(), plan.app(), Set.of(plan.currentCredentialId()),
                List.of(latest.createdOn()), now);
    }

    /**
     * Revocation: removes every password of the application, whoever made it, except {@code keepCredentialId};
     * retirement (null) removes every one, the latest version's last, so that an interrupted retirement can still
     * prove what the secret holds when it is tried again.
     */
    @Override
    public void invalidateAllBut(AppSecretPlan plan, String keepCredentialId) {
        AppRegistration app = passwords.find(plan.app().objectId());
        List<AppPassword> heldLast = app.passwords().stream()
                .sorted(Comparator.comparing(password -> password.keyId().equalsIgnoreCase(plan.currentCredentialId())))
                .toList();
        for (AppPassword password : heldLast) {
            if (keepCredentialId == null || !password.keyId().equalsIgnoreCase(keepCredentialId)) {
                passwords.remove(app.objectId(), password.keyId());
                LOG.log(Level.WARNING, () -> "appsecret.revoked secret=%s application=%s keyId=%s displayName=\"%s\""
                        .formatted(plan.current().ref(), app.objectId(), password.keyId(), password.displayName()));
            }
        }
    }

    /** Every password of the application as the plan read it, by display name, hint and end, whoever made it. */
    @Override
    public List<ProviderCredential> credentials(AppSecretPlan plan) {
        return plan.app().passwords().stream().map(password -> new ProviderCredential(password.keyId(),
                "password \"" + (password.displayName() == null ? "(no display name)" : password.displayName())
                        + "\" (hint " + (password.hint() == null ? "not shown" : password.hint() + "…") + ", ends "
                        + password.endDateTime() + ") of app registration " + plan.app().objectId())).toList();
    }

    @Override
    public boolean stillAccepts(AppSecretPlan plan, SecretValue value) {
        return possession.accepts(plan.app(), value);
    }

    private List<String> removeOverdue(SecretRef secret, AppRegistration app, Set<String> inUse,
                                       List<Instant> versionsCreated, Instant now) {
        List<String> removed = new ArrayList<>();
        for (AppPassword password : retirement.overdue(app.passwords(), secret, inUse, versionsCreated, now)) {
            passwords.remove(app.objectId(), password.keyId());
            removed.add(password.keyId());
            LOG.log(Level.INFO, () -> "appsecret.retired secret=%s application=%s keyId=%s displayName=\"%s\" ends=%s"
                    .formatted(secret, app.objectId(), password.keyId(), password.displayName(),
                            password.endDateTime()));
        }
        return removed;
    }

    private static String application(SecretVersion version) {
        String address = version.tag(Tags.PROVIDER_ADDRESS).orElseThrow(() -> RotationException.terminal(Step.PLAN,
                "tag " + Tags.PROVIDER_ADDRESS + " is missing: set it to the app registration's object ID"));
        if (!PasswordPossession.GUID.matcher(address).matches()) {
            throw RotationException.terminal(Step.PLAN, "tag " + Tags.PROVIDER_ADDRESS + " must be the app registration's"
                    + " object ID or application (client) ID, a GUID");
        }
        return address.toLowerCase(Locale.ROOT);
    }
}
