package io.kvrotator.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The daily access review found something about who can read a vault's secrets that breaks the organisation's
 * standard ({@code GET /api/access-review} has the same finding). Its subject is the vault. Announced by every sweep
 * while it holds, with one id per finding and UTC day, as the digest reminds people daily.
 *
 * @param kind   e.g. {@code standing-secret-reader}, {@code access-policy-mode}
 * @param holder who holds the role the finding is about; null for a finding about the vault itself
 * @param clause the clause of the standard it breaks; {@code citation} where the standard says so
 * @param detail what is wrong and what to do
 */
public record AccessFindingEvent(String vault, Instant time, String kind, RoleHolder holder, String clause,
                                 String citation, String detail) implements OutcomeEvent {

    /**
     * @param principalType {@code user}, {@code group}, {@code service principal}, ...
     * @param scope         the resource ID the role is assigned at
     * @param access        {@code standing}, {@code pim-eligible}, {@code pim-activated} or {@code unknown}
     */
    public record RoleHolder(String principalId, String principalType, String role, String scope, String access) {
    }

    @Override
    public String type() {
        return TYPE_PREFIX + "accessFinding";
    }

    @Override
    public String subject() {
        return vault;
    }

    @Override
    public String outcome() {
        String about = holder == null ? "vault" : holder.principalId() + "/" + holder.role() + "/" + holder.scope();
        return kind + "/" + about + "/" + LocalDate.ofInstant(time, ZoneOffset.UTC);
    }
}
