using CryptoPredict.Core.Models;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Models;

[Collection(SerialTorchTests.Name)]
public class QuantileLossTests
{
    [Fact]
    public void Pinball_loss_of_the_quantile_columns_equals_a_plain_loop()
    {
        var heads = new ForecastHeads(2, [0.1, 0.9]);

        // Two samples; columns: point t0, point t1, t0 q0.1, t0 q0.9, t1 q0.1, t1 q0.9.
        float[] output = [9, 9, 0.0f, 1.0f, -1.0f, 0.5f, 9, 9, 2.0f, 3.0f, 0.0f, 0.0f];
        float[] target = [0.5f, -2.0f, 1.0f, 1.0f];
        var expected = 0.0;
        for (var b = 0; b < 2; b++)
        {
            for (var t = 0; t < 2; t++)
            {
                for (var q = 0; q < 2; q++)
                {
                    var level = heads.Quantiles[q];
                    var error = target[(b * 2) + t] - output[(b * 6) + heads.QuantileColumn(t, q)];
                    expected += error >= 0 ? level * error : (level - 1) * error;
                }
            }
        }

        using var scope = Torch.Torch.NewDisposeScope();
        using var loss = new QuantileLoss(heads, Device.Cpu);
        var value = loss.Compute(Torch.Torch.FromArray(output, 2, 6), Torch.Torch.FromArray(target, 2, 2)).Item<float>();

        value.Should().BeApproximately((float)(expected / 8), 1e-6f);
    }

    [Fact]
    public void The_forecast_loss_adds_the_pinball_loss_to_the_point_loss()
    {
        var heads = new ForecastHeads(1, [0.5]);
        float[] output = [1.0f, 3.0f];
        float[] target = [2.0f];

        using var scope = Torch.Torch.NewDisposeScope();
        using var loss = new ForecastLoss(ForecastKind.Close, Device.Cpu, heads: heads);
        var value = loss.Compute(Torch.Torch.FromArray(output, 1, 2), Torch.Torch.FromArray(target, 1, 1)).Item<float>();

        // MSE of the point (2 - 1)^2 = 1, plus the 0.5-pinball of 2 against 3: 0.5 * 1.
        value.Should().BeApproximately(1.5f, 1e-6f);
    }

    [Fact]
    public void Networks_with_heads_have_one_output_per_target_and_quantile_and_others_are_refused()
    {
        Torch.Torch.ManualSeed(1);
        var heads = new ForecastHeads(3, [0.1, 0.9]);
        using (var net = ModelCatalog.Get("lstm").Create(1, heads))
        using (var scope = Torch.Torch.NewDisposeScope())
        {
            net.Forward(Torch.Torch.Randn([2, 8, 1])).Shape.Should().Equal(2, 9);
        }

        var ohlc = () => ModelCatalog.Get("bilstm-ohlc").Create(13, new ForecastHeads(4, [0.5]));
        ohlc.Should().Throw<ArgumentException>().WithMessage("bilstm-ohlc has no quantile or multi-horizon heads*");
    }
}
