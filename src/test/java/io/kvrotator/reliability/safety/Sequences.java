package io.kvrotator.reliability.safety;

import io.kvrotator.failure.Step;
import io.kvrotator.reliability.safety.Action.Fault;
import io.kvrotator.reliability.safety.Action.Freshness;
import io.kvrotator.reliability.safety.Action.Interruption;
import io.kvrotator.reliability.safety.Action.Lie;
import io.kvrotator.reliability.safety.Scenario.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generates action sequences from a seed: the same seed gives the same sequence. */
final class Sequences {

    private static final String[] SERVICES = {"keyvault", "keyvault", "keyvault", "arm", "arm", "graph", "graph",
            "entra", "blob", "eventgrid", Runner.KEYED_SERVICE, Runner.KEYED_SERVICE};
    private static final Point[] POINTS = {Point.before(Step.ROTATE), Point.VERIFIED, Point.VERIFIED,
            Point.before(Step.STORE), Point.before(Step.RETIRE), Point.before(Step.REVOKE), Point.CLOSE};
    private static final int[] DAYS = {1, 5, 12, 25, 40};

    private Sequences() {
    }

    static List<Action> generate(long seed) {
        Random random = new Random(seed);
        int length = 4 + random.nextInt(9);
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            actions.add(action(random, true));
        }
        return actions;
    }

    private static Action action(Random random, boolean disturbed) {
        int worker = random.nextInt(2);
        Secret secret = Secret.values()[random.nextInt(Secret.values().length)];
        int roll = random.nextInt(100);
        if (roll < 28) {
            Freshness which = Freshness.values()[weighted(random, 60, 20, 20)];
            return new Action.Deliver(secret, random.nextInt(5) == 0, which, worker, fault(random, disturbed),
                    interruption(random, disturbed));
        }
        if (roll < 36) {
            return new Action.Redeliver(worker, fault(random, disturbed), interruption(random, disturbed));
        }
        if (roll < 48) {
            return new Action.Rotate(secret, worker, fault(random, disturbed), interruption(random, disturbed));
        }
        if (roll < 55) {
            return new Action.Revoke(secret, worker, fault(random, disturbed), interruption(random, disturbed));
        }
        if (roll < 65) {
            return new Action.Sweep(worker, fault(random, disturbed), interruption(random, disturbed));
        }
        if (roll < 87 || !disturbed) {
            return new Action.Advance(DAYS[random.nextInt(DAYS.length)]);
        }
        return new Action.Retag(secret, Lie.values()[weighted(random, 40, 20, 25, 15)]);
    }

    private static Fault fault(Random random, boolean disturbed) {
        if (!disturbed || random.nextInt(100) >= 35) {
            return null;
        }
        Fault.Kind kind = Fault.Kind.values()[weighted(random, 20, 20, 15, 20, 4, 10, 11)];
        return new Fault(SERVICES[random.nextInt(SERVICES.length)], 1 + random.nextInt(6), kind);
    }

    private static Interruption interruption(Random random, boolean disturbed) {
        if (!disturbed || random.nextInt(100) >= 15) {
            return null;
        }
        Point point = POINTS[random.nextInt(POINTS.length)];
        if (point != Point.VERIFIED && random.nextInt(100) < 40) {
            return new Interruption(point, true, false, null);
        }
        return new Interruption(point, false, random.nextBoolean(), action(random, false));
    }

    private static int weighted(Random random, int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
