package io.kvrotator.sweep;

import java.util.List;

/** Somewhere expiring items live: a vault, or the app registrations. Lists only; never reads a value. */
public interface ItemSource {

    /** A stable name, e.g. {@code vault-kv-dev-payments}; the unit of the alert record. */
    String scope();

    /** Everything in the source that can expire; throws the SDK's exception when the source cannot be read. */
    List<ExpiryItem> list();

    /**
     * True for a source of another service than Key Vault, listed on a thread of its own beside the vaults rather
     * than waiting for a place among the {@link ExpiryScanner}'s concurrent listings.
     */
    default boolean listedBesideVaults() {
        return false;
    }
}
