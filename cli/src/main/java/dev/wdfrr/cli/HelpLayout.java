package dev.wdfrr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How {@code --help} lays text out. A command's description is one paragraph, wrapped at
 * spaces only (picocli's own wrapping also breaks after a dot, which splits a URL such as
 * ui.perfetto.dev); the list of commands shows each command's whole first sentence, never the
 * first line of a wrapped description cut off mid-sentence.
 */
final class HelpLayout {
    /** Width of the help text. */
    static final int WIDTH = 80;
    /** Where the command list's descriptions start. */
    private static final int LIST_INDENT = 13;

    private HelpLayout() {
    }

    /** Installs the layout on {@code cl} and every subcommand. */
    static void install(CommandLine cl) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = cl.getHelpSectionMap();
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                help -> wrap(paragraph(help.commandSpec().usageMessage().description()), WIDTH, "", ""));
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> footer(help.commandSpec()));
        cl.setHelpSectionMap(sections);
        for (CommandLine sub : cl.getSubcommands().values()) {
            install(sub);
        }
    }

    private static String commandList(CommandLine.Help help) {
        Map<String, CommandLine.Help> subs = help.subcommands();
        if (subs.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, CommandLine.Help> e : subs.entrySet()) {
            CommandSpec spec = e.getValue().commandSpec();
            String[] header = spec.usageMessage().header();
            String first = firstSentence(paragraph(header.length > 0 ? header : spec.usageMessage().description()));
            String name = "  " + e.getKey();
            String head = name.length() < LIST_INDENT - 1 ? name + " ".repeat(LIST_INDENT - name.length()) : name + " ";
            b.append(wrap(first, WIDTH, head, " ".repeat(LIST_INDENT)));
        }
        return b.toString();
    }

    private static String footer(CommandSpec spec) {
        StringBuilder b = new StringBuilder();
        for (String line : spec.usageMessage().footer()) {
            b.append(line.isEmpty() ? System.lineSeparator() : wrap(line, WIDTH, "", ""));
        }
        return b.toString();
    }

    /** The description's lines as one paragraph. */
    static String paragraph(String[] lines) {
        return String.join(" ", lines).replace("%n", " ").replaceAll("\\s+", " ").strip();
    }

    /** Up to and including the first full stop that ends a sentence (followed by a space or the end). */
    static String firstSentence(String text) {
        int i = text.indexOf(". ");
        return i < 0 ? text : text.substring(0, i + 1);
    }

    /**
     * {@code text} in lines of at most {@code width} characters, broken at spaces only (a word
     * longer than a line stands alone): the first line starts with {@code first}, the rest with
     * {@code rest}. Ends with a line separator; empty for empty text.
     */
    static String wrap(String text, int width, String first, String rest) {
        if (text.isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int empty = first.length();
        for (String word : text.split(" ")) {
            if (line.length() > empty && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(rest);
                empty = rest.length();
            }
            if (line.length() > empty) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }
}
