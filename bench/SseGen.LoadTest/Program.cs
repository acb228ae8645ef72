using SseGen.LoadTest;
using SseGen.LoadTest.Client;
using SseGen.LoadTest.Server;

if (args is ["--server"])
{
    return await LoadServer.RunAsync();
}

if (LoadTestOptions.Parse(args) is not { } options)
{
    Console.Error.WriteLine(LoadTestOptions.Usage);
    return 2;
}

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Unwind instead of dying, so the server process is stopped by the runner's dispose.
    e.Cancel = true;
    interrupted.Cancel();
};

string command = "dotnet run -c Release --project bench/SseGen.LoadTest" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");
LoadReport report = await new LoadRunner(options).RunAsync(interrupted.Token);
string markdown = report.ToMarkdown(command);
Console.WriteLine();
Console.WriteLine(markdown);
if (options.OutputPath is { } path)
{
    await File.WriteAllTextAsync(path, markdown);
    Console.WriteLine($"results written to {Path.GetFullPath(path)}");
}

return 0;
