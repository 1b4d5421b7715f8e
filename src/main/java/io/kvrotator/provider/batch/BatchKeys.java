package io.kvrotator.provider.batch;

import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.vault.SecretValue;
import java.util.Map;

/** The Batch account keys management API (ARM). */
public interface BatchKeys {

    /** The account's shared keys by name ({@code Primary}, {@code Secondary}): ARM {@code listKeys}. */
    Map<String, SecretValue> list(ArmResourceId account);

    /** Regenerates {@code keyName} ({@code Primary} or {@code Secondary}) and returns its new value. */
    SecretValue regenerate(ArmResourceId account, String keyName);

    /** The account's region as its Batch endpoint names it, e.g. {@code westeurope}: ARM GET of the account. */
    String region(ArmResourceId account);
}
