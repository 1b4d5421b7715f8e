package io.kvrotator.localhost;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A credential of the test classpath (the sandbox's stand-in for the managed identity) as the packaged app's own
 * {@code com.azure.core.credential.TokenCredential}: the package's azure-core and Reactor are other classes than the
 * test's, so each token request and token crosses over by its scopes, its text and its expiry.
 */
final class PackagedCredential implements InvocationHandler {

    private final TokenCredential credential;
    private final ClassLoader app;

    private PackagedCredential(TokenCredential credential, ClassLoader app) {
        this.credential = credential;
        this.app = app;
    }

    /** {@code credential} as an instance of the package's {@code TokenCredential}. */
    static Object of(TokenCredential credential, ClassLoader app) throws ClassNotFoundException {
        Class<?> type = app.loadClass(TokenCredential.class.getName());
        return Proxy.newProxyInstance(app, new Class<?>[] {type}, new PackagedCredential(credential, app));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        switch (method.getName()) {
            case "getToken":
                return app.loadClass("reactor.core.publisher.Mono").getMethod("just", Object.class)
                        .invoke(null, token(arguments[0]));
            case "getTokenSync":
                return token(arguments[0]);
            case "toString":
                return "PackagedCredential[" + credential + "]";
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == arguments[0];
            default:
                throw new UnsupportedOperationException(method.toString());
        }
    }

    /** Asks the test's credential for the scopes of the package's request; answers with the package's AccessToken. */
    private Object token(Object packagedRequest) throws ReflectiveOperationException {
        @SuppressWarnings("unchecked")
        List<String> scopes = (List<String>) packagedRequest.getClass().getMethod("getScopes").invoke(packagedRequest);
        AccessToken token = credential.getTokenSync(new TokenRequestContext().setScopes(scopes));
        try {
            return app.loadClass(AccessToken.class.getName()).getConstructor(String.class, OffsetDateTime.class)
                    .newInstance(token.getToken(), token.getExpiresAt());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the package's AccessToken refused the token", e.getCause());
        }
    }
}
