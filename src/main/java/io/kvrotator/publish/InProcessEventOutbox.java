package io.kvrotator.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link EventOutbox} within one worker, for a worker without a storage account of its own (and tests). */
public final class InProcessEventOutbox implements EventOutbox {

    private final Map<String, String> held = new LinkedHashMap<>();
    private boolean outage;

    @Override
    public synchronized void hold(String id, String cloudEvent) {
        held.putIfAbsent(id, cloudEvent);
    }

    @Override
    public synchronized List<Held> held() {
        List<Held> list = new ArrayList<>();
        held.forEach((id, event) -> list.add(new Held(id, event)));
        return list;
    }

    @Override
    public synchronized void remove(String id) {
        held.remove(id);
    }

    @Override
    public synchronized boolean firstOfOutage() {
        boolean first = !outage;
        outage = true;
        return first;
    }

    @Override
    public synchronized void outageOver() {
        outage = false;
    }
}
