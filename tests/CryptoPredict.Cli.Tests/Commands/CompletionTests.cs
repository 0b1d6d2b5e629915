using System.Diagnostics;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>completion bash|zsh|pwsh: scripts generated from the command tree; the bash one is run by a real bash.</summary>
public sealed class CompletionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-completion-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("", "tr", "train")]
    [InlineData("train", "--ep", "--epochs")]
    [InlineData("train --model", "cnn-lstm-a", "cnn-lstm-attn")]
    [InlineData("predict --interval", "4", "4h")]
    [InlineData("--threads 2 evaluate", "--rep", "--report")]
    [InlineData("train --device", "cu", "cuda")]
    [InlineData("completion", "z", "zsh")]
    public async Task Bash_completes_verbs_options_and_values(string before, string current, string expected)
    {
        var completions = await BashComplete(before, current);

        completions.Should().Contain(expected);
        completions.Should().OnlyContain(c => c.StartsWith(current, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bash_offers_only_the_verbs_options()
    {
        var completions = await BashComplete("predict", "--");

        completions.Should().Contain("--threshold").And.Contain("--json").And.NotContain("--epochs");
    }

    [Theory]
    [InlineData("zsh", "bashcompinit")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName 'cryptopredict'")]
    public async Task Zsh_and_powershell_scripts_are_printed(string shell, string marker)
    {
        var (code, output, error) = await CliRunner.RunAsync("completion", shell);

        code.Should().Be(ExitCodes.Ok, error);
        output.Should().Contain(marker).And.Contain("bilstm-ohlc").And.Contain("--checkpoints-dir");
    }

    [Fact]
    public async Task A_missing_shell_names_the_choices_in_one_line()
    {
        var (code, output, error) = await CliRunner.RunAsync("completion");

        code.Should().Be(ExitCodes.Usage);
        output.Should().BeEmpty();
        error.Should().Be("completion needs <shell>: one of bash, pwsh, zsh.\nRun 'cryptopredict completion --help' for the options.\n");
    }

    [Fact]
    public async Task An_unknown_shell_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("completion", "fish");

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("fish");
    }

    private async Task<string[]> BashComplete(string before, string current)
    {
        var (code, script, error) = await CliRunner.RunAsync("completion", "bash");
        code.Should().Be(ExitCodes.Ok, error);
        var scriptPath = Path.Combine(_dir, "completion.bash");
        await File.WriteAllTextAsync(scriptPath, script);
        var words = string.Join(' ', new[] { "cryptopredict", before, current }.Where(w => w.Length > 0).Select(w => w));
        var driver = $"source '{scriptPath}'\nCOMP_WORDS=({words}{(current.Length == 0 ? " ''" : "")})\nCOMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))\n_cryptopredict\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n";
        var info = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        using var bash = Process.Start(info)!;
        await bash.StandardInput.WriteAsync(driver);
        bash.StandardInput.Close();
        var output = await bash.StandardOutput.ReadToEndAsync();
        var stderr = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        bash.ExitCode.Should().Be(0, stderr);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
