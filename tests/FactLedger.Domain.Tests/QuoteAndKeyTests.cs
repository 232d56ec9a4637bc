using System.Text;
using FactLedger.Domain.Keys;
using FactLedger.Domain.Quotes;

namespace FactLedger.Domain.Tests;

public class QuoteLocatorTests
{
    private const string Text = "وعلى صعيد أعمال العنف،\n\nقتل 18 فرداً من قوات الأمن  على الأقل وأصيب أكثر من 748";

    [Fact]
    public void Given_a_quote_spanning_a_line_break_when_searched_with_single_spaces_then_it_is_found_at_its_place()
    {
        var location = QuoteLocator.Find(Text, "العنف، قتل 18 فرداً");

        Assert.NotNull(location);
        Assert.Equal(Text.IndexOf("العنف", StringComparison.Ordinal), location.Offset);
        Assert.EndsWith("فرداً", Text.Substring(location.Offset, location.Length));
    }

    [Fact]
    public void Given_a_quote_in_decomposed_unicode_when_the_text_is_composed_then_it_still_matches()
    {
        var text = "Kazakistan’daki durum görüştü";
        var decomposed = "durum görüştü".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("durum görüştü", decomposed);

        Assert.NotNull(QuoteLocator.Find(text, decomposed));
    }

    [Theory]
    [InlineData("قتل 19 فرداً")]
    [InlineData("KAZAKISTAN")]
    [InlineData("   ")]
    public void Given_words_not_in_the_text_when_searched_then_nothing_is_found(string quote)
    {
        Assert.Null(QuoteLocator.Find(Text + " Kazakistan", quote));
    }

    [Fact]
    public void Given_random_texts_and_quotes_when_searched_then_the_place_is_that_of_the_first_folded_match()
    {
        var random = new Random(20261125);
        string[] pieces =
            ["a", "b", "ab", " ", "  ", "\n", "\n\n", "\t", "\u00A0", "\u2003 ", "é", "e\u0301", "ğ", "18"];
        string Draw(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => pieces[random.Next(pieces.Length)]));
        for (var round = 0; round < 2000; round++)
        {
            var text = Draw(random.Next(0, 40));
            var quote = round % 2 == 0 && text.Length > 2
                ? text.Substring(random.Next(text.Length / 2), random.Next(1, text.Length / 2 + 1))
                : Draw(random.Next(1, 5));
            Assert.Equal(ReferenceFind(text, quote), QuoteLocator.Find(text, quote));
        }
    }

    /// <summary>The definition: fold the whole text, keeping each folded character's index, and search in it.</summary>
    private static QuoteLocation? ReferenceFind(string text, string quote)
    {
        var needle = QuoteLocator.Fold(quote);
        if (needle.Length == 0) return null;
        var canonical = QuoteLocator.Canonical(text);
        var folded = new StringBuilder();
        var map = new List<int>();
        for (var i = 0; i < canonical.Length; i++)
        {
            var space = char.IsWhiteSpace(canonical[i]);
            if (space && i > 0 && char.IsWhiteSpace(canonical[i - 1])) continue;
            folded.Append(space ? ' ' : canonical[i]);
            map.Add(i);
        }
        var at = folded.ToString().IndexOf(needle, StringComparison.Ordinal);
        if (at < 0) return null;
        var end = map[at + needle.Length - 1] + 1;
        return new QuoteLocation(map[at], end - map[at]);
    }
}

public class KeyTests
{
    [Theory]
    [InlineData("kz-2022-unrest.security-forces.killed", true)]
    [InlineData("kz-2022-unrest.all.detained", true)]
    [InlineData("kz-2022-unrest.all", false)]
    [InlineData("KZ.all.detained", false)]
    [InlineData("../etc.passwd.x", false)]
    [InlineData("kz.all.de\u200Btained", false)]
    [InlineData("kz.all.detained; drop table", false)]
    [InlineData("kz..detained", false)]
    public void Given_a_figure_key_when_checked_then_only_three_lowercase_slugs_pass(string key, bool valid)
    {
        Assert.Equal(valid, Keys.LedgerKeys.FigureKeyProblem(key) is null);
    }

    [Theory]
    [InlineData("aa-tr-2022-01-07", true)]
    [InlineData("has.dot", false)]
    [InlineData("", false)]
    [InlineData("<script>", false)]
    public void Given_a_source_key_when_checked_then_only_a_slug_without_dots_passes(string key, bool valid)
    {
        Assert.Equal(valid, Keys.LedgerKeys.SourceKeyProblem(key) is null);
    }
}
