package im.tandem.it.linkage;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * No two Tandem main classes share a simple name. Code, stack traces and logs name a class by its simple name, so
 * two of one name leave the reader to find out which is meant, and an import of the wrong one compiles whenever
 * the two happen to offer the same members. Nested classes are left out: their outer class names them.
 */
class ClassNameCollisionTest {
    @Test
    void noTwoTandemClassesShareASimpleName() {
        Map<String, List<String>> bySimpleName = TandemMainClasses.index().definedClasses().stream()
                .filter(name -> name.startsWith(TandemMainClasses.ROOT) && !name.contains("$")
                        && !name.endsWith("/package-info"))
                .map(name -> name.replace('/', '.'))
                .sorted()
                .collect(groupingBy(name -> name.substring(name.lastIndexOf('.') + 1), TreeMap::new, toList()));

        bySimpleName.values().removeIf(classes -> classes.size() == 1);

        assertThat(bySimpleName).as("simple names that more than one Tandem class has").isEmpty();
    }
}
