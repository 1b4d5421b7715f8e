package io.kvrotator.governance;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link ApprovalRequests} within one worker: for local runs without a storage account of the app's own. */
public final class InProcessApprovalRequests implements ApprovalRequests {

    private final Map<String, Stored> requests = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    @Override
    public void create(ApprovalRequest request) {
        if (requests.putIfAbsent(request.id(), stored(request)) != null) {
            throw new IllegalStateException("approval request " + request.id() + " exists already");
        }
    }

    @Override
    public Optional<Stored> find(String id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public synchronized Optional<String> replace(ApprovalRequest request, String version) {
        Stored current = requests.get(request.id());
        if (current == null || !current.version().equals(version)) {
            return Optional.empty();
        }
        Stored next = stored(request);
        requests.put(request.id(), next);
        return Optional.of(next.version());
    }

    @Override
    public List<ApprovalRequest> list() {
        return requests.values().stream().map(Stored::request).toList();
    }

    @Override
    public void delete(String id) {
        requests.remove(id);
    }

    private Stored stored(ApprovalRequest request) {
        return new Stored(request, Long.toString(versions.incrementAndGet()));
    }
}
