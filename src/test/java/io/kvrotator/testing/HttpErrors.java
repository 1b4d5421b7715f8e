package io.kvrotator.testing;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpResponse;
import org.mockito.Mockito;

/** The exceptions an Azure SDK client throws for an error status, for fakes that answer as the service would. */
public final class HttpErrors {

    private HttpErrors() {
    }

    public static HttpResponseException status(int status) {
        return status(status, "Status code " + status);
    }

    public static HttpResponseException status(int status, String message) {
        return new HttpResponseException(message, response(status));
    }

    public static ResourceNotFoundException notFound(String message) {
        return new ResourceNotFoundException(message, response(404));
    }

    private static HttpResponse response(int status) {
        HttpResponse response = Mockito.mock(HttpResponse.class);
        Mockito.when(response.getStatusCode()).thenReturn(status);
        return response;
    }
}
