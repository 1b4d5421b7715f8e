package io.kvrotator.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import io.kvrotator.app.AppContext;
import io.kvrotator.event.KeyVaultEventHandler;

/**
 * Event Grid entry points for Key Vault's expiry events. Each subscription delivers one event type, but both
 * functions accept either: the event names its own type. Throwing makes Event Grid deliver again.
 */
public final class KeyVaultEventFunctions {

    @FunctionName("SecretNearExpiry")
    public void secretNearExpiry(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
        handle(event);
    }

    @FunctionName("SecretExpired")
    public void secretExpired(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
        handle(event);
    }

    private static void handle(String event) {
        KeyVaultEventHandler.Delivery delivery = AppContext.get().keyVaultEvents().handle(event);
        if (delivery.shouldRedeliver()) {
            throw new RedeliveryRequested(delivery.redeliveryReason());
        }
    }
}
