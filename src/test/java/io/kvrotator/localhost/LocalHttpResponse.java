package io.kvrotator.localhost;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import java.util.Map;

/** What a function returned, with all its headers (the library interface only looks headers up one by one). */
record LocalHttpResponse(HttpStatusType status, Map<String, String> headers, Object body)
        implements HttpResponseMessage {

    @Override
    public HttpStatusType getStatus() {
        return status;
    }

    @Override
    public String getHeader(String key) {
        return headers.get(key);
    }

    @Override
    public Object getBody() {
        return body;
    }
}
