package io.kvrotator.provider.appregistration;

import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.RotationPlan;
import io.kvrotator.rotation.RotationException;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Entra ID app registration client secrets: each rotation adds a new password to the application (ending when the
 * new version expires: 18 months by default) and leaves the one in use alone. Passwords kv-rotator made for the
 * secret are removed once superseded for longer than the overlap; passwords anyone else made are never touched.
 */
public final class AppRegistrationSecretProvider implements CredentialProvider {

    public static final String TYPE = "AppRegistrationSecret";

    private static final System.Logger LOG = System.getLogger(AppRegistrationSecretProvider.class.getName());
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final AppPasswords passwords;
    private final ClientSecretVerifier verifier;
    private final Retry verifyRetry;
    private final Period defaultValidity;
    private final PasswordRetirement retirement;
    private final Clock clock;

    public AppRegistrationSecretProvider(AppPasswords passwords, ClientSecretVerifier verifier, Retry verifyRetry,
                                         Period defaultValidity, PasswordRetirement retirement, Clock clock) {
        this.passwords = passwords;
        this.verifier = verifier;
        this.verifyRetry = verifyRetry;
        this.defaultValidity = defaultValidity;
        this.retirement = retirement;
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

    @Override
    public RotationPlan plan(SecretVersion current) {
        verifier.notReady().ifPresent(reason -> {
            throw RotationException.terminal("plan", "new app secrets cannot be verified: " + reason);
        });
        String application = application(current);
        String inUse = passwordInUse(current).orElse(null);
        return new RotationPlan(current, application, inUse, null, "add a password to app registration "
                + application + "; " + (inUse == null ? "the password in use is not named (no " + Tags.CREDENTIAL_ID
                + " tag), so no password is removed this time"
                : "password " + inUse + " is kept for at least " + retirement.overlap().toDays()
                + " days after the new version is stored"));
    }

    /** Reads the application once; verify, discard and retire of this rotation use what was read here. */
    @Override
    public IssuedCredential issue(RotationPlan plan, Instant expiresOn) {
        AppRegistration app = passwords.find(plan.providerAddress());
        IssuedCredential added = passwords.add(app.objectId(), PasswordLabel.of(plan.current().ref(), clock.instant()),
                expiresOn);
        return new IssuedCredential(added.credentialId(), added.value(), added.expiresOn(), app);
    }

    @Override
    public void verify(RotationPlan plan, IssuedCredential issued) {
        String appId = application(plan, issued).appId();
        verifyRetry.run("verify", () -> verifier.verify(appId, issued.value()));
    }

    @Override
    public void discard(RotationPlan plan, IssuedCredential issued) {
        AppRegistration app = application(plan, issued);
        passwords.remove(app.objectId(), issued.credentialId());
        LOG.log(Level.INFO, () -> "appsecret.discarded secret=%s application=%s keyId=%s (never stored)"
                .formatted(plan.current().ref(), app.objectId(), issued.credentialId()));
    }

    @Override
    public void retire(RotationPlan plan, IssuedCredential issued, Instant now) {
        Set<String> inUse = new HashSet<>(Set.of(issued.credentialId()));
        List<Instant> versionsCreated = new ArrayList<>(List.of(now));
        if (plan.currentCredentialId() != null) {
            inUse.add(plan.currentCredentialId());
            Optional.ofNullable(plan.current().createdOn()).ifPresent(versionsCreated::add);
        }
        // The passwords as read before the new one was added: only this rotation, under the lock, adds or removes
        // kv-rotator's passwords for this secret, and the new one is in use anyway.
        removeOverdue(plan.current().ref(), application(plan, issued), inUse, versionsCreated, now);
    }

    /** Revocation: removes every password of the application, whoever made it, except the one {@code keep} holds. */
    @Override
    public void invalidateAllBut(SecretVersion keep) {
        String kept = passwordInUse(keep).orElseThrow(() -> RotationException.terminal("revoke", "the latest version"
                + " has no " + Tags.CREDENTIAL_ID + " tag, so the password to keep is unknown"));
        AppRegistration app = passwords.find(application(keep));
        for (AppPassword password : app.passwords()) {
            if (!password.keyId().equalsIgnoreCase(kept)) {
                passwords.remove(app.objectId(), password.keyId());
                LOG.log(Level.WARNING, () -> "appsecret.revoked secret=%s application=%s keyId=%s displayName=\"%s\""
                        .formatted(keep.ref(), app.objectId(), password.keyId(), password.displayName()));
            }
        }
    }

    /**
     * For the daily sweep: removes the passwords kv-rotator made for this secret that the latest version (or an
     * earlier one) superseded more than the overlap ago, without rotating. Never the one {@code latest} holds;
     * nothing at all when {@code latest} does not name its password.
     *
     * @return the keyIds removed
     */
    @Override
    public List<String> retireOverdue(SecretVersion latest, Instant now) {
        Optional<String> inUse = passwordInUse(latest);
        if (inUse.isEmpty() || latest.createdOn() == null) {
            LOG.log(Level.INFO, () -> "appsecret.retire_skipped secret=%s why=\"the latest version has no %s tag\""
                    .formatted(latest.ref(), Tags.CREDENTIAL_ID));
            return List.of();
        }
        return removeOverdue(latest.ref(), passwords.find(application(latest)), Set.of(inUse.get()),
                List.of(latest.createdOn()), now);
    }

    private AppRegistration application(RotationPlan plan, IssuedCredential issued) {
        return issued.readAtIssue() instanceof AppRegistration app ? app : passwords.find(plan.providerAddress());
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
        String address = version.tag(Tags.PROVIDER_ADDRESS).orElseThrow(() -> RotationException.terminal("plan",
                "tag " + Tags.PROVIDER_ADDRESS + " is missing: set it to the app registration's object ID"));
        if (!GUID.matcher(address).matches()) {
            throw RotationException.terminal("plan", "tag " + Tags.PROVIDER_ADDRESS + " must be the app registration's"
                    + " object ID or application (client) ID, a GUID");
        }
        return address.toLowerCase(Locale.ROOT);
    }

    private static Optional<String> passwordInUse(SecretVersion version) {
        Optional<String> keyId = version.tag(Tags.CREDENTIAL_ID).map(id -> id.toLowerCase(Locale.ROOT));
        if (keyId.isPresent() && !GUID.matcher(keyId.get()).matches()) {
            throw RotationException.terminal("plan", "tag " + Tags.CREDENTIAL_ID + " must be the keyId (the portal's"
                    + " 'Secret ID') of the password this version holds, a GUID");
        }
        return keyId;
    }
}
