package io.kvrotator.localhost;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.kvrotator.localhost.FunctionCatalog.FunctionEntry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/** Calls a function's method as the Java worker does: its bindings as arguments, the app's loader as context. */
final class FunctionInvoker {

    /** What one invocation came to. */
    sealed interface Invocation {
        record Returned(Object value) implements Invocation {
        }

        /** The 500 Azure would answer, with why. */
        record Failed(String message) implements Invocation {
        }
    }

    private FunctionInvoker() {
    }

    /**
     * @param routeValues    the HTTP route's values, for {@code @BindingName} parameters
     * @param triggerPayload the Event Grid event or timer payload; null for HTTP
     * @param httpRequest    the HTTP request; null for other triggers
     */
    static Invocation invoke(FunctionEntry function, Map<String, String> routeValues, String triggerPayload,
                             LocalHttpRequest httpRequest) {
        Parameter[] parameters = function.method().getParameters();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            if (parameter.isAnnotationPresent(HttpTrigger.class)) {
                arguments[i] = httpRequest;
            } else if (parameter.isAnnotationPresent(EventGridTrigger.class)
                    || parameter.isAnnotationPresent(TimerTrigger.class)) {
                arguments[i] = triggerPayload;
            } else if (parameter.isAnnotationPresent(BindingName.class)) {
                arguments[i] = routeValues.get(parameter.getAnnotation(BindingName.class).value());
            } else if (parameter.getType() == ExecutionContext.class) {
                arguments[i] = context(function.name());
            }
        }
        // As the Java worker does: the app's class loader is the thread's context loader while a function runs.
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(function.method().getDeclaringClass().getClassLoader());
        try {
            Object target = function.method().getDeclaringClass().getDeclaredConstructor().newInstance();
            return new Invocation.Returned(function.method().invoke(target, arguments));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            Logger.getLogger("Host.Function." + function.name()).warning(() -> "Executed '" + function.name()
                    + "' (Failed): " + cause);
            return new Invocation.Failed("function " + function.name() + " failed: " + cause.getMessage());
        } catch (ReflectiveOperationException e) {
            return new Invocation.Failed("cannot invoke " + function.name() + ": " + e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static ExecutionContext context(String functionName) {
        String invocationId = UUID.randomUUID().toString();
        Logger logger = Logger.getLogger("Function." + functionName);
        return new ExecutionContext() {
            @Override
            public Logger getLogger() {
                return logger;
            }

            @Override
            public String getInvocationId() {
                return invocationId;
            }

            @Override
            public String getFunctionName() {
                return functionName;
            }
        };
    }
}
