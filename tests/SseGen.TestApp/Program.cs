using SseGen.TestApp;

await TestAppHost.Create(args).RunAsync();
