package io.kvrotator.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Key Vault tag names kv-rotator reads and writes (DESIGN.md section 3). */
public final class Tags {

    public static final String CREDENTIAL_TYPE = "CredentialType";
    public static final String PROVIDER_ADDRESS = "ProviderAddress";
    public static final String CREDENTIAL_ID = "CredentialId";
    public static final String VALIDITY_PERIOD_DAYS = "ValidityPeriodDays";
    /** {@code key} (the default) or {@code connectionString}: what the secret's value holds. */
    public static final String VALUE_FORMAT = "ValueFormat";
    public static final String OWNER = "Owner";
    public static final String NOTIFY_TO = "NotifyTo";

    public static final String ROTATED_AT = "RotatedAt";
    public static final String ROTATED_BY = "RotatedBy";
    public static final String ROTATION_REASON = "RotationReason";
    public static final String PREVIOUS_VERSION = "PreviousVersion";

    /** Written by a revocation on the version it made and on every version it disabled. */
    public static final String REVOKED_AT = "RevokedAt";
    public static final String REVOKED_BY = "RevokedBy";
    public static final String APPROVED_BY = "ApprovedBy";
    public static final String REVOCATION_REASON = "RevocationReason";
    /** In the order they are kept when a version has no room for all of them. */
    public static final List<String> REVOCATION = List.of(REVOKED_AT, REVOKED_BY, APPROVED_BY, REVOCATION_REASON);

    /**
     * Written by a retirement (a secret retired without replacement) on every version it disabled; {@code ApprovedBy}
     * is shared with revocation. A secret whose latest version carries {@code RetiredAt} is left out of rotation and
     * of expiry alerts.
     */
    public static final String RETIRED_AT = "RetiredAt";
    public static final String RETIRED_BY = "RetiredBy";
    public static final String RETIREMENT_REASON = "RetirementReason";
    /** In the order they are kept when a version has no room for all of them. */
    public static final List<String> RETIREMENT = List.of(RETIRED_AT, RETIRED_BY, APPROVED_BY, RETIREMENT_REASON);

    /** Key Vault accepts at most 15 tags per secret, values up to 256 characters. */
    public static final int MAX_TAGS = 15;
    public static final int MAX_TAG_VALUE_LENGTH = 256;

    private Tags() {
    }

    /**
     * {@code existing} with as many of {@code added} (in their order) as Key Vault's limit of {@link #MAX_TAGS} leaves
     * room for; a tag already present is overwritten.
     */
    public static Map<String, String> withRoomFor(Map<String, String> existing, Map<String, String> added) {
        Map<String, String> tags = new java.util.LinkedHashMap<>(existing == null ? Map.of() : existing);
        added.forEach((name, value) -> {
            if (tags.containsKey(name) || tags.size() < MAX_TAGS) {
                tags.put(name, value);
            }
        });
        return tags;
    }

    /** Who hears about an object: the {@code Owner} then {@code NotifyTo} entries, split on commas or semicolons. */
    public static List<String> owners(Map<String, String> tags) {
        List<String> owners = new ArrayList<>();
        if (tags != null) {
            for (String tag : List.of(OWNER, NOTIFY_TO)) {
                String value = tags.get(tag);
                int start = 0;
                while (value != null && start <= value.length()) {
                    int end = start;
                    while (end < value.length() && value.charAt(end) != ',' && value.charAt(end) != ';') {
                        end++;
                    }
                    String owner = value.substring(start, end).trim();
                    if (!owner.isEmpty() && !owners.contains(owner)) {
                        owners.add(owner);
                    }
                    start = end + 1;
                }
            }
        }
        return owners;
    }
}
