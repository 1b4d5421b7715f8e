package io.kvrotator.rotation;

import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.RotationPlan;
import java.time.temporal.TemporalAmount;

/** A provider with the plan it made for the latest version (possession proven), and the new version's lifetime. */
record Planned<P extends RotationPlan>(CredentialProvider<P> provider, P plan, TemporalAmount validity) {
}
