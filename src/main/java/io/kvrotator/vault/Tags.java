package io.kvrotator.vault;

/** The Key Vault tag names kv-rotator reads and writes (DESIGN.md section 3). */
public final class Tags {

    public static final String CREDENTIAL_TYPE = "CredentialType";
    public static final String PROVIDER_ADDRESS = "ProviderAddress";
    public static final String CREDENTIAL_ID = "CredentialId";
    public static final String VALIDITY_PERIOD_DAYS = "ValidityPeriodDays";
    public static final String OWNER = "Owner";
    public static final String NOTIFY_TO = "NotifyTo";

    public static final String ROTATED_AT = "RotatedAt";
    public static final String ROTATED_BY = "RotatedBy";
    public static final String ROTATION_REASON = "RotationReason";
    public static final String PREVIOUS_VERSION = "PreviousVersion";

    /** Key Vault accepts at most 15 tags per secret, values up to 256 characters. */
    public static final int MAX_TAGS = 15;
    public static final int MAX_TAG_VALUE_LENGTH = 256;

    private Tags() {
    }
}
