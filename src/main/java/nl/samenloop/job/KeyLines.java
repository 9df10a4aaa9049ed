package nl.samenloop.job;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Line numbers for key paths ("tables[1].options.concurrency" → 14), so a message can point at the line
 * to fix. Built from the YAML node tree; a message's key path is read back from its fixed wording.
 */
final class KeyLines {
    private final Map<String, Integer> lines = new HashMap<>();

    KeyLines(Node root) {
        walk("", root);
    }

    private void walk(String path, Node node) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    String p = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
                    lines.putIfAbsent(p, k.getStartMark().getLine() + 1);
                    walk(p, t.getValueNode());
                }
            }
        } else if (node instanceof SequenceNode s) {
            List<Node> items = s.getValue();
            for (int i = 0; i < items.size(); i++) {
                String p = path + "[" + i + "]";
                lines.putIfAbsent(p, items.get(i).getStartMark().getLine() + 1);
                walk(p, items.get(i));
            }
        }
    }

    private static final Pattern UNKNOWN_KEY = Pattern.compile("^unknown key '([^']*)' (?:at top level|in (\\S+));");
    private static final Pattern MISSING = Pattern.compile("^missing required (?:key|option) '[^']*' .*?(?:at top level|in (\\S+));");
    private static final Pattern UNKNOWN_OPTION = Pattern.compile("^unknown option '([^']*)' for indicator '[^']*' in (\\S+);");
    private static final Pattern PATH = Pattern.compile("^([A-Za-z_]+(?:\\[\\d+\\])?(?:\\.[A-Za-z0-9_]+(?:\\[\\d+\\])?)*)(?::| and )");

    /** The line a message is about, or 0 when it names no key of this document. */
    int lineOf(String message) {
        Matcher m;
        String path;
        if ((m = UNKNOWN_KEY.matcher(message)).find()) {
            path = m.group(2) == null ? m.group(1) : m.group(2) + "." + m.group(1);
        } else if ((m = UNKNOWN_OPTION.matcher(message)).find()) {
            path = m.group(2) + "." + m.group(1);
        } else if ((m = MISSING.matcher(message)).find()) {
            path = m.group(1) == null ? "" : m.group(1);
        } else if ((m = PATH.matcher(message)).find()) {
            path = m.group(1);
        } else {
            return 0;
        }
        // The closest enclosing key that exists: a missing "periods.to" points at "periods".
        while (!path.isEmpty()) {
            Integer line = lines.get(path);
            if (line != null) {
                return line;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            path = cut < 0 ? "" : path.substring(0, cut);
        }
        return 0;
    }
}
