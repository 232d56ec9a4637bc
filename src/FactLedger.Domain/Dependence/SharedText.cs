using System.Runtime.InteropServices;
using FactLedger.Domain.Reconciliation;

namespace FactLedger.Domain.Dependence;

/// <summary>A later source sharing text with an earlier one of the same language.</summary>
internal sealed record SharedTextFinding(string Later, string Earlier, SharedTextEvidence Evidence);

/// <summary>
/// Finds texts that copy earlier texts. Each text is cut into overlapping runs of <see cref="ShingleWords"/> folded
/// words (shingles), hashed. A later text whose shingles are found, for at least <see cref="MinShare"/> of them
/// (and at least <see cref="MinSharedShingles"/>), in an earlier text of the same language depends on it.
/// <para>Why these numbers: two independent reports of one event share short phrases ("the death toll rose to 164",
/// "according to the Interior Ministry"), which rarely reach eight words in a row, and at most a quoted statement
/// or two (a few percent of an article). A copy keeps most of its source: a rewritten lede or a handful of light
/// edits (each breaks at most eight shingles) still leaves well over half shared. 30 % sits far from both (in the
/// tests: independent reports share about 1 %, lightly edited copies 52 to 82 %). The absolute minimum keeps a
/// short text from depending on a single common sentence.</para>
/// <para>Efficiency: an inverted index from shingle hash to the earlier sources holding it, built as the sources are
/// read in publication order, so each text is compared only with the texts it actually shares shingles with; the
/// work grows with the texts' length times how many copies each shingle has, not with the square of the number of
/// sources.</para>
/// </summary>
internal static class SharedText
{
    public const int ShingleWords = 8;
    public const double MinShare = 0.3;
    public const int MinSharedShingles = 10;

    /// <summary>When a later text passes the threshold with several earlier ones (copies of one story), it is said to
    /// depend on the earliest of those explaining nearly as much as the best (this fraction of it): the earliest
    /// publication of a text is the likeliest origin, and copies of copies end there anyway; but a reprint of a
    /// rewrite, sharing all of it and only the body of the original, depends on the rewrite. What remains
    /// unexplained may still point at a second story the text combines.</summary>
    public const double ComparableShare = 0.9;

    private sealed record Shingled(SourceText Source, FoldedText Folded, Words Words, ulong[] Shingles,
        HashSet<ulong> Distinct);

    /// <param name="sources">In publication order (ties by key); each with its folded text.</param>
    public static IReadOnlyList<SharedTextFinding> Find(IReadOnlyList<(SourceText Source, FoldedText Folded)> sources)
    {
        var findings = new List<SharedTextFinding>();
        foreach (var language in sources.GroupBy(s => LanguageOf(s.Source.Language)))
        {
            var shingled = language.Select(s => Shingle(s.Source, s.Folded)).ToList();
            var postings = new Postings(shingled.Sum(s => s.Distinct.Count));
            var shared = new SharedCounts(shingled.Count);
            for (var later = 0; later < shingled.Count; later++)
            {
                // One look-up per shingle: count the earlier texts holding it, then add this one.
                foreach (var shingle in shingled[later].Distinct) postings.CountAndAdd(shingle, later, shared);
                foreach (var earlier in DependedOn(shingled, later, shared))
                    findings.Add(new SharedTextFinding(shingled[later].Source.Key, shingled[earlier].Source.Key,
                        EvidenceOf(shingled[later], shingled[earlier])));
                shared.Clear();
            }
        }
        return findings;
    }

    /// <summary>The primary language subtag, lower case: "en-GB" and "EN" are both "en".</summary>
    public static string LanguageOf(string tag) => tag.Split('-', '_')[0].Trim().ToLowerInvariant();

    private static Shingled Shingle(SourceText source, FoldedText folded)
    {
        var words = DependenceFolding.WordsOf(folded);
        var count = Math.Max(0, words.Hashes.Length - ShingleWords + 1);
        var shingles = new ulong[count];
        // A polynomial rolling hash over the words' hashes: each shingle from the previous in constant time.
        const ulong radix = 0x9E3779B97F4A7C15;
        ulong top = 1;
        for (var k = 1; k < ShingleWords; k++) top = unchecked(top * radix);
        ulong hash = 0;
        for (var i = 0; i < words.Hashes.Length; i++)
        {
            if (i >= ShingleWords) hash = unchecked(hash - Mix(words.Hashes[i - ShingleWords]) * top);
            hash = unchecked(hash * radix + Mix(words.Hashes[i]));
            if (i >= ShingleWords - 1) shingles[i - ShingleWords + 1] = hash;
        }
        return new Shingled(source, folded, words, shingles, [.. shingles]);
    }

    /// <summary>The earlier texts (indices) the text at <paramref name="later"/> is taken from.</summary>
    private static List<int> DependedOn(List<Shingled> shingled, int later, SharedCounts shared)
    {
        var text = shingled[later];
        var picked = new List<int>();
        var unexplained = text.Distinct;
        var counts = shared.Touched
            .Where(c => Passes(shared[c], text) && !SameOutlet(text.Source, shingled[c].Source))
            .ToDictionary(c => c, c => shared[c]);
        while (counts.Count > 0)
        {
            var best = counts.Values.Max();
            var choice = counts.Where(c => c.Value >= ComparableShare * best).Min(c => c.Key);
            picked.Add(choice);
            unexplained = [.. unexplained.Where(s => !shingled[choice].Distinct.Contains(s))];
            counts = counts.Keys.Where(c => c != choice)
                .Select(c => (Candidate: c, Count: unexplained.Count(shingled[c].Distinct.Contains)))
                .Where(c => Passes(c.Count, text)).ToDictionary(c => c.Candidate, c => c.Count);
        }
        return picked;
    }

    private static bool Passes(int sharedShingles, Shingled later) =>
        sharedShingles >= MinSharedShingles && sharedShingles >= MinShare * later.Distinct.Count;

    /// <summary>One outlet's texts are one origin already: their sharing text says nothing.</summary>
    private static bool SameOutlet(SourceText a, SourceText b) =>
        a.Outlet is { } x && b.Outlet is { } y && OriginResolver.Normalize(x) == OriginResolver.Normalize(y);

    private static SharedTextEvidence EvidenceOf(Shingled later, Shingled earlier)
    {
        var sharedDistinct = later.Distinct.Count(earlier.Distinct.Contains);
        var (passages, longestStart, longestLength, runStart) = (0, 0, 0, -1);
        for (var i = 0; i <= later.Shingles.Length; i++)
        {
            var shared = i < later.Shingles.Length && earlier.Distinct.Contains(later.Shingles[i]);
            if (shared && runStart < 0) (runStart, passages) = (i, passages + 1);
            if (shared || runStart < 0) continue;
            if (i - runStart > longestLength) (longestStart, longestLength) = (runStart, i - runStart);
            runStart = -1;
        }
        // A run of n shingles covers n + ShingleWords - 1 words.
        var lastWord = longestStart + longestLength + ShingleWords - 2;
        var longest = later.Folded.SpanOf(later.Words.Starts[longestStart], later.Words.Ends[lastWord]);
        var share = Math.Round((double)sharedDistinct / later.Distinct.Count, 4);
        return new SharedTextEvidence(earlier.Source.Key, share, passages, longest);
    }

    /// <summary>Which texts hold each shingle: one chain of entries per shingle in one flat list, so indexing
    /// hundreds of thousands of shingles allocates a handful of objects, not a list each.</summary>
    private sealed class Postings(int capacity)
    {
        private readonly Dictionary<ulong, int> _latest = new(capacity);
        private readonly List<(int Holder, int Next)> _entries = new(capacity);

        /// <summary>Counts in <paramref name="shared"/> the texts already holding <paramref name="shingle"/>, then
        /// records that <paramref name="holder"/> holds it too.</summary>
        public void CountAndAdd(ulong shingle, int holder, SharedCounts shared)
        {
            ref var latest = ref CollectionsMarshal.GetValueRefOrAddDefault(_latest, shingle, out var known);
            if (known)
                for (var entry = latest; entry >= 0; entry = _entries[entry].Next)
                    shared.Increment(_entries[entry].Holder);
            _entries.Add((holder, known ? latest : -1));
            latest = _entries.Count - 1;
        }
    }

    /// <summary>How many shingles of the text being read each earlier text holds, and which texts hold any.
    /// </summary>
    private sealed class SharedCounts(int texts)
    {
        private readonly int[] _counts = new int[texts];
        private readonly List<int> _touched = [];

        public IReadOnlyList<int> Touched => _touched;
        public int this[int text] => _counts[text];

        public void Increment(int text)
        {
            if (_counts[text]++ == 0) _touched.Add(text);
        }

        public void Clear()
        {
            foreach (var text in _touched) _counts[text] = 0;
            _touched.Clear();
        }
    }

    /// <summary>Spreads a word hash's bits (SplitMix64's finaliser), so the rolling sum does not cancel out.</summary>
    private static ulong Mix(ulong x)
    {
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EB);
        return x ^ (x >> 31);
    }
}
