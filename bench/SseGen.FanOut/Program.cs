using SseGen.FanOut;
using SseGen.FanOut.Client;
using SseGen.FanOut.Server;

if (args is ["--server"])
{
    return await FanOutServer.RunAsync();
}

if (FanOutOptions.Parse(args) is not { } options)
{
    Console.Error.WriteLine(FanOutOptions.Usage);
    return 2;
}

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Unwind instead of dying, so each server process is stopped by its host's dispose.
    e.Cancel = true;
    interrupted.Cancel();
};

string command = "dotnet run -c Release --project bench/SseGen.FanOut" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");
FanOutReport report = await new FanOutRunner(options).RunAsync(interrupted.Token);
string markdown = report.ToMarkdown(command);
Console.WriteLine();
Console.WriteLine(markdown);
if (options.OutputPath is { } path)
{
    await File.WriteAllTextAsync(path, markdown);
    Console.WriteLine($"results written to {Path.GetFullPath(path)}");
}

return 0;
