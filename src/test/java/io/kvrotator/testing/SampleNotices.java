package io.kvrotator.testing;

import io.kvrotator.notify.Digest;
import io.kvrotator.notify.Notice;
import io.kvrotator.notify.NoticeKind;
import io.kvrotator.notify.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Realistic notices and a digest, for rendering tests and the pictures in docs/. */
public final class SampleNotices {

    public static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");

    private SampleNotices() {
    }

    public static List<Notice> all() {
        return List.of(expired(), rotationFailed(), rotated(), nearExpiry(), eventsHeld());
    }

    public static Notice expired() {
        return new Notice(NoticeKind.EXPIRED, Severity.ERROR, "kv-prod-payments", "PAYMENTS-PSP-API-KEY", "secret",
                NOW.minus(Duration.ofDays(2)), List.of("payments-team@contoso.com", "payments-oncall"),
                "Expired (expired 2 days ago)",
                "Nothing rotates it automatically: replace the value by hand and set a new expiry, or tag it with"
                        + " CredentialType so kv-rotator can rotate it.");
    }

    public static Notice rotationFailed() {
        return new Notice(NoticeKind.ROTATION_FAILED, Severity.ERROR, "kv-prod-payments", "PAYMENTS-STORAGE-KEY",
                "secret", NOW.plus(Duration.ofDays(6)), List.of("payments-team@contoso.com"),
                "Rotation failed at step rotate",
                "AuthorizationFailed status=403: the client does not have authorization to perform action"
                        + " 'Microsoft.Storage/storageAccounts/regenerateKey/action' - grant the function's managed"
                        + " identity the role this step needs (see README, Deploy). It will not be retried: fix the"
                        + " cause, then rotate by hand (POST /api/secrets/kv-prod-payments/PAYMENTS-STORAGE-KEY/rotate).");
    }

    public static Notice rotated() {
        return new Notice(NoticeKind.ROTATED, Severity.INFO, "kv-prod-payments", "PAYMENTS-STORAGE-KEY", "secret",
                NOW.plus(Duration.ofDays(60)), List.of("payments-team@contoso.com"),
                "Rotated: key2 is now in version 4f1c0a9e2b7d4e36a1c5f08d9b3e7a21",
                "Reason: SecretNearExpiry, by event:5b1a6c2e. Consumers that read the secret by name pick up the new"
                        + " version; version 9d2e4b17c3a84f5e8b06a1d2c7f39e40 keeps working until they do.");
    }

    public static Notice nearExpiry() {
        return new Notice(NoticeKind.NEAR_EXPIRY, Severity.WARNING, "631a96bc-a705-4eda-9f99-fdaf9f54f6a2",
                "payments-api / ci-deploy", "app password", NOW.plus(Duration.ofDays(6)),
                List.of("platform@contoso.com"), "Expires in 6 days (7-day alert)",
                "Add a new client secret to the app registration, move its users to it, then remove this one.");
    }

    public static Notice eventsHeld() {
        return new Notice(NoticeKind.EVENTS_HELD, Severity.WARNING, "kv-prod-payments", "PAYMENTS-STORAGE-KEY",
                "secret", null, List.of(), "Events for machines are held: the Event Grid topic did not take them",
                "Topic evgt-prod-payments.westeurope-1.eventgrid.azure.net refused or did not answer"
                        + " io.kvrotator.secret.rotated (HttpResponseException status=403). This event and any later"
                        + " ones wait in the outbox in the function app's storage; the next publish the topic accepts"
                        + " and the daily sweep send them, with their original ids. Check the topic and the"
                        + " function's EventGrid Data Sender role on it. Said once per outage.");
    }

    public static Digest digest() {
        return new Digest(NOW, List.of(
                new Digest.Entry("kv-prod-payments", "PAYMENTS-PSP-API-KEY", "secret", NOW.minus(Duration.ofDays(2)),
                        Digest.Status.EXPIRED, List.of("payments-team@contoso.com")),
                new Digest.Entry("kv-prod-payments", "PAYMENTS-STORAGE-KEY", "secret", NOW.plus(Duration.ofDays(6)),
                        Digest.Status.EXPIRING, List.of("payments-team@contoso.com")),
                new Digest.Entry("kv-prod-payments", "payments-tls", "certificate", NOW.plus(Duration.ofDays(13)),
                        Digest.Status.EXPIRING, List.of("payments-team@contoso.com")),
                new Digest.Entry("631a96bc-a705-4eda-9f99-fdaf9f54f6a2", "payments-api / ci-deploy", "app password",
                        NOW.plus(Duration.ofDays(6)), Digest.Status.EXPIRING, List.of("platform@contoso.com")),
                new Digest.Entry("kv-prod-common", "LEGACY-FTP-PASSWORD", "secret", null, Digest.Status.NO_EXPIRY,
                        List.of()),
                new Digest.Entry("kv-prod-payments", "ORDERS-STORAGE-KEY", "secret", NOW.plus(Duration.ofDays(9)),
                        Digest.Status.ROTATION_FAILING, List.of("payments-team@contoso.com"), "rotation failing at"
                        + " step plan: tag ProviderAddress is missing: set it to the storage account's resource ID"),
                new Digest.Entry("kv-prod-common", "PARTNER-API-KEY", "secret", NOW.plus(Duration.ofDays(80)),
                        Digest.Status.RECIPIENT_REFUSED, List.of("partner@external.example"),
                        "policy gap: recipient outside allowed domains: partner@external.example")));
    }
}
