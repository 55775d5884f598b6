namespace IgtimiPS { internal static class Placeholder {} }
