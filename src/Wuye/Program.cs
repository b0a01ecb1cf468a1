// Wuye: see WuyeHost for how the platform and the modules are put together.
return await Wuye.WuyeHost.RunAsync(args);

public partial class Program;
