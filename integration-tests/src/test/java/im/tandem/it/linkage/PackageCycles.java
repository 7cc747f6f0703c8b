package im.tandem.it.linkage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The package cycles of a graph: its strongly connected components of more than one package, found with Tarjan's
 * algorithm (one depth-first search, linear in packages and edges). Every package of a component reaches every
 * other, so each component is one tangle to undo, however many cycles run through it.
 */
final class PackageCycles {
    private final PackageGraph graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> lowLink = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new HashSet<>();
    private final List<SortedSet<String>> cycles = new ArrayList<>();

    private PackageCycles(PackageGraph graph) {
        this.graph = graph;
    }

    /** Each cycle's packages, sorted; the cycles in the order of their first package. */
    static List<SortedSet<String>> of(PackageGraph graph) {
        PackageCycles search = new PackageCycles(graph);
        for (String pkg : graph.packages()) {
            if (!search.index.containsKey(pkg)) {
                search.visit(pkg);
            }
        }
        search.cycles.sort((a, b) -> a.first().compareTo(b.first()));
        return Collections.unmodifiableList(search.cycles);
    }

    /**
     * The cycles in words: each one's packages, then each edge between them with the reference that makes it,
     * which is where to start untangling.
     */
    static String describe(PackageGraph graph, List<SortedSet<String>> cycles) {
        StringBuilder text = new StringBuilder();
        for (SortedSet<String> cycle : cycles) {
            text.append("package cycle: ").append(String.join(", ", cycle)).append('\n');
            for (String from : cycle) {
                for (String to : graph.usedBy(from)) {
                    if (cycle.contains(to)) {
                        text.append("  ").append(from).append(" -> ").append(to).append("  (")
                                .append(graph.example(from, to)).append(")\n");
                    }
                }
            }
        }
        return text.toString();
    }

    /**
     * Tarjan's depth-first step. The recursion is as deep as the longest path of packages, a few dozen here.
     */
    private void visit(String pkg) {
        int order = index.size();
        index.put(pkg, order);
        lowLink.put(pkg, order);
        stack.push(pkg);
        onStack.add(pkg);
        for (String used : graph.usedBy(pkg)) {
            if (!index.containsKey(used)) {
                visit(used);
                lowLink.put(pkg, Math.min(lowLink.get(pkg), lowLink.get(used)));
            } else if (onStack.contains(used)) {
                lowLink.put(pkg, Math.min(lowLink.get(pkg), index.get(used)));
            }
        }
        if (lowLink.get(pkg).equals(index.get(pkg))) {
            SortedSet<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(pkg));
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
    }
}
