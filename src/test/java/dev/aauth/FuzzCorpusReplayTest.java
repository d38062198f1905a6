package dev.aauth;

import dev.aauth.testing.FuzzTarget;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every fuzz target's seeds and corpus directory, and what the all-targets run found (its
 * first byte selecting the target), ({@code <Target>Inputs/<method>/}: the inputs Jazzer found,
 * kept as regression cases) through its harness on every build, with the fuzz property: only {@code
 * AAuthException} escapes, no input over 50 ms. A plain JUnit test in the unit-test JVM
 * (uninstrumented, so the bound is judged on the code as it runs in production): Jazzer's own
 * regression mode would install its agent, which the unit tests are kept free of.
 */
class FuzzCorpusReplayTest {

    @TestFactory
    Stream<DynamicNode> everyCorpusInput() {
        return Stream.concat(
                AllParsersFuzzTest.TARGETS.stream().map(FuzzCorpusReplayTest::replay),
                Stream.of(replay(AllParsersFuzzTest.TARGET)));
    }

    private static DynamicNode replay(FuzzTarget target) {
        AtomicInteger n = new AtomicInteger();
        return DynamicContainer.dynamicContainer(
                target.name(),
                target.corpus()
                        .map(
                                input ->
                                        DynamicTest.dynamicTest(
                                                "input " + n.incrementAndGet(),
                                                () -> target.harness().accept(input))));
    }
}
