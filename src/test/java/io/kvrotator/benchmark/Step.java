package io.kvrotator.benchmark;

import io.kvrotator.sandbox.StandIn;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The rotation protocol step a call recorded by a stand-in belongs to (DESIGN.md section 4). */
enum Step {
    READ("read"),
    PROVE("prove"),
    ROTATE("regenerate / add"),
    VERIFY("verify"),
    WRITE("write"),
    RETIRE("retire"),
    NOTIFY("notify"),
    CHALLENGE("Key Vault auth challenge (401)"),
    OTHER("other");

    final String label;

    Step(String label) {
        this.label = label;
    }

    static Step of(String service, StandIn.Call call) {
        String path = call.path();
        return switch (service) {
            case "keyvault" -> call.status() == 401 ? CHALLENGE
                    : call.method().equals("GET") ? READ : call.method().equals("PUT") ? WRITE : OTHER;
            case "arm" -> path.endsWith("/regenerateKey") ? ROTATE : path.endsWith("/listKeys") ? PROVE : OTHER;
            case "blob" -> VERIFY;
            case "entra" -> path.endsWith("/oauth2/v2.0/token") ? VERIFY : OTHER;
            case "graph" -> path.endsWith("/addPassword") ? ROTATE : path.endsWith("/removePassword") ? RETIRE
                    : path.endsWith("/sendMail") ? NOTIFY : call.method().equals("GET") ? PROVE : OTHER;
            case "teams", "eventgrid" -> NOTIFY;
            default -> OTHER;
        };
    }

    /**
     * How many calls of each step the stand-ins recorded for one rotation. The first token request proves the value
     * in use, the later ones verify the new credential.
     */
    static Map<Step, Integer> count(List<StandIn> standIns) {
        Map<Step, Integer> counts = new EnumMap<>(Step.class);
        for (Step step : values()) {
            counts.put(step, 0);
        }
        for (StandIn standIn : standIns) {
            boolean proven = false;
            for (StandIn.Call call : standIn.calls()) {
                Step step = of(standIn.service(), call);
                if (step == VERIFY && standIn.service().equals("entra") && !proven) {
                    step = PROVE;
                    proven = true;
                }
                counts.merge(step, 1, Integer::sum);
            }
        }
        return counts;
    }
}
