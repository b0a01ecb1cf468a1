using Wuye.Modules.MasterData.Domain;

namespace Wuye.Tests.Modules.MasterData.Domain;

/// <summary>Mainland resident ID numbers (GB 11643): the check digit, the birthday, the demo data's numbers.</summary>
public sealed class IdNumbersTests
{
    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example: check character X
    [InlineData("330824198001011236")] // the import template's example
    public void Valid_numbers_pass(string id) => Assert.True(IdNumbers.IsValid(id));

    [Fact]
    public void A_lower_case_x_is_the_same_check_character() => Assert.True(IdNumbers.IsValid("11010519491231002x"));

    [Theory]
    [InlineData("110105194912310021")] // wrong check digit
    [InlineData("330824198001011237")]
    [InlineData("33082419800101123")] // 17 characters
    [InlineData("3308241980010112366")] // 19
    [InlineData("33082419801301123X")] // month 13
    [InlineData("3308241980A101123X")] // a letter in the body
    [InlineData("")]
    public void Invalid_numbers_fail(string id) => Assert.False(IdNumbers.IsValid(id));

    [Fact]
    public void The_check_digit_follows_the_weights() => Assert.Equal('X', IdNumbers.CheckDigit("11010519491231002"));

    [Fact]
    public void The_birthday_is_read_from_the_number()
    {
        Assert.Equal(new DateOnly(1949, 12, 31), IdNumbers.Birthday("11010519491231002X"));
        Assert.Null(IdNumbers.Birthday("1101051949"));
        Assert.Null(IdNumbers.Birthday("110105194913310020"));
    }

    [Fact]
    public void Made_numbers_are_valid_and_the_same_for_the_same_seed()
    {
        var a = new Random(42);
        var b = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var id = IdNumbers.Make(a);
            Assert.True(IdNumbers.IsValid(id), id);
            Assert.Equal(id, IdNumbers.Make(b));
        }
    }
}
