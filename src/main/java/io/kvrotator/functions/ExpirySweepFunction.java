package io.kvrotator.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.kvrotator.app.AppContext;
import io.kvrotator.sweep.ExpiryReport;
import io.kvrotator.sweep.SweepResult;

/**
 * The daily expiry sweep. The host resolves the schedule from the {@code ROTATOR_SWEEP_SCHEDULE} app setting
 * (NCRONTAB, UTC; 07:00 daily as deployed). A source that could not be read fails the run, after everything else
 * was done, so that the failure shows in the function's monitoring.
 */
public final class ExpirySweepFunction {

    @FunctionName("ExpirySweep")
    public void run(@TimerTrigger(name = "timer", schedule = "%ROTATOR_SWEEP_SCHEDULE%") String timer,
                    ExecutionContext context) {
        SweepResult result = AppContext.get().expirySweep().run();
        if (!result.report().complete()) {
            throw new IllegalStateException("expiry sweep could not read: " + result.report().unreadable().stream()
                    .map(ExpiryReport.UnreadableSource::scope).toList());
        }
    }
}
