using System.Collections;
using Igtimi.Client.Http;
using Xunit;

namespace Igtimi.Client.Tests;

public class QueryEncoderTests
{
    private static string Encode(params (string Name, object? Value)[] parameters) =>
        QueryEncoder.Encode(QueryEncoder.Flatten(parameters.Select(p => new KeyValuePair<string, object?>(p.Name, p.Value))));

    [Fact]
    public void Arrays_become_repeated_bracket_names()
    {
        Assert.Equal("serial_numbers%5B%5D=GA-DK-AAAD&serial_numbers%5B%5D=DD-EE-AAGA",
            Encode(("serial_numbers", new[] { "GA-DK-AAAD", "DD-EE-AAGA" })));
    }

    [Fact]
    public void Maps_become_bracketed_keys_in_order()
    {
        var types = new System.Collections.Specialized.OrderedDictionary { { 1, 0.00009 }, { 2, 0 } };
        Assert.Equal("types%5B1%5D=9E-05&types%5B2%5D=0", Encode(("types", types)));
    }

    [Fact]
    public void Times_are_js_milliseconds_and_booleans_lower_case()
    {
        var start = new DateTimeOffset(2015, 10, 3, 0, 30, 4, TimeSpan.Zero);
        Assert.Equal("start_time=1443832204000&public=true", Encode(("start_time", start), ("public", true)));
        Assert.Equal("t=1443832204000", Encode(("t", new DateTime(2015, 10, 3, 0, 30, 4, DateTimeKind.Utc))));
    }

    [Fact]
    public void Numbers_use_invariant_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("compression=0.5", Encode(("compression", 0.5)));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Nulls_are_left_out_and_empty_strings_kept()
    {
        Assert.Equal("b=", Encode(("a", null), ("b", "")));
    }

    [Fact]
    public void Arrays_inside_arrays_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Encode(("x", new object[] { new[] { 1, 2 } })));
        Assert.Contains("'x'", error.Message);
    }

    [Fact]
    public void Hashtables_flatten_like_pairs()
    {
        var table = new Hashtable { ["ids"] = new[] { 1L, 2L } };
        Assert.Equal("ids%5B%5D=1&ids%5B%5D=2", QueryEncoder.Encode(QueryEncoder.Flatten(table)));
    }
}
