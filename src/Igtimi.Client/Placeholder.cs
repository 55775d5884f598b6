namespace Igtimi.Client { internal static class Placeholder {} }
