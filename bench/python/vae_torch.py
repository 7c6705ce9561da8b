#!/usr/bin/env python3
"""Milliseconds per epoch of the two songspace VAEs in PyTorch from Python: the counterpart of VaeBench.

The same architectures, data shapes, loss, optimiser and batching as the Java trainer (trainer-service,
io.songspace.trainer.vae), so the two engines can be timed side by side:

  basic  Basic VAE on N x 40 rows: encoder 40->512->256 (ReLU), mu / log-variance heads 256->32,
         decoder 32->256->512->40 (ReLU hidden, linear output).
  conv   ConvVAE on N x 1 x 20 x 128 patches: Conv2d 1->32 and 32->64 (kernel 4, stride 2, padding 1, ReLU),
         flatten 64*5*32, mu / log-variance heads -> 32; decoder Linear 32->64*5*32 (ReLU), reshape, then twice
         nearest upsampling x2 + Conv2d kernel 3 padding 1 (64->32 with ReLU, 32->1 linear) -> 1 x 20 x 128.

Loss: sum of squared errors over each sample's values + KL(q(z|x) || N(0, I)), both means over the batch;
Adam lr 1e-3; batch 64; rows reshuffled every epoch, last partial batch kept; per batch the two loss terms are
read back (.item()), as the Java trainer does. Data: seeded standard-normal values (N = 3,000 by default).
Prints wall-clock and training-thread CPU milliseconds per epoch (the latter is less disturbed by other processes).

  --loader index       batches by indexing the tensor with a seeded permutation (the cheapest way);
  --loader dataloader  torch.utils.data.DataLoader over a TensorDataset, as the study's training scripts do.

Threads: torch.set_num_threads(--threads) and, before torch and numpy load, OMP/OpenBLAS/MKL thread variables,
because Debian's torch does its matrix products in the system OpenBLAS, whose own thread pool
torch.set_num_threads does not limit. Pin the process as the Java side is pinned, e.g.
    taskset -c 0 /usr/bin/python3 bench/python/vae_torch.py --model both   (Debian python3-torch)
"""
import argparse
import os
import sys


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", choices=["basic", "conv", "both"], default="both")
    ap.add_argument("--rows", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--latent", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=3, help="basic VAE warm-up epochs (not measured)")
    ap.add_argument("--epochs", type=int, default=10, help="basic VAE measured epochs")
    ap.add_argument("--conv-warmup", type=int, default=1, help="ConvVAE warm-up epochs")
    ap.add_argument("--conv-epochs", type=int, default=3, help="ConvVAE measured epochs")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--loader", choices=["index", "dataloader"], default="index")
    ap.add_argument("--seed", type=int, default=42)
    return ap.parse_args()


ARGS = parse_args()
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(ARGS.threads)

import time  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.nn import functional as F  # noqa: E402


class BasicVae(nn.Module):
    def __init__(self, width, latent):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(width, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU())
        self.mu = nn.Linear(256, latent)
        self.log_var = nn.Linear(256, latent)
        self.decoder = nn.Sequential(nn.Linear(latent, 256), nn.ReLU(), nn.Linear(256, 512), nn.ReLU(),
                                     nn.Linear(512, width))

    def forward(self, x):
        h = self.encoder(x)
        mu, log_var = self.mu(h), self.log_var(h)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        return self.decoder(z), mu, log_var


class ConvVae(nn.Module):
    def __init__(self, height, width, latent):
        super().__init__()
        self.h4, self.w4 = height // 4, width // 4
        flat = 64 * self.h4 * self.w4
        self.conv1 = nn.Conv2d(1, 32, 4, 2, 1)
        self.conv2 = nn.Conv2d(32, 64, 4, 2, 1)
        self.mu = nn.Linear(flat, latent)
        self.log_var = nn.Linear(flat, latent)
        self.dense = nn.Linear(latent, flat)
        self.deconv1 = nn.Conv2d(64, 32, 3, 1, 1)
        self.deconv2 = nn.Conv2d(32, 1, 3, 1, 1)

    def forward(self, x):
        h = F.relu(self.conv2(F.relu(self.conv1(x)))).flatten(1)
        mu, log_var = self.mu(h), self.log_var(h)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        h = F.relu(self.dense(z)).view(-1, 64, self.h4, self.w4)
        h = F.relu(self.deconv1(F.interpolate(h, scale_factor=2, mode="nearest")))
        return self.deconv2(F.interpolate(h, scale_factor=2, mode="nearest")), mu, log_var


def loss_terms(x, recon, mu, log_var):
    reconstruction = (recon - x).pow(2).flatten(1).sum(1).mean()
    kl = (-0.5 * (1 + log_var - mu.pow(2) - log_var.exp()).sum(1)).mean()
    return reconstruction, kl


def batches(x, generator):
    if ARGS.loader == "dataloader":
        loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x), batch_size=ARGS.batch,
                                             shuffle=True, generator=generator)
        for (xb,) in loader:
            yield xb
    else:
        order = torch.randperm(len(x), generator=generator)
        for start in range(0, len(x), ARGS.batch):
            yield x[order[start:start + ARGS.batch]]


def time_epochs(name, model, x, warmup, measured):
    torch.manual_seed(ARGS.seed)
    generator = torch.Generator()
    generator.manual_seed(ARGS.seed)
    opt = torch.optim.Adam(model.parameters(), lr=ARGS.lr)
    millis, cpu_millis = [], []
    for _ in range(warmup + measured):
        model.train()
        start, cpu_start = time.perf_counter(), time.thread_time()
        rec_sum = kl_sum = 0.0
        for xb in batches(x, generator):
            opt.zero_grad(set_to_none=True)
            recon, mu, log_var = model(xb)
            rec, kl = loss_terms(xb, recon, mu, log_var)
            (rec + kl).backward()
            opt.step()
            rec_sum += rec.item() * len(xb)
            kl_sum += kl.item() * len(xb)
        millis.append(1e3 * (time.perf_counter() - start))
        cpu_millis.append(1e3 * (time.thread_time() - cpu_start))
    timed = sorted(millis[warmup:])
    cpu_median = float(np.median(cpu_millis[warmup:]))
    n_batches = (len(x) + ARGS.batch - 1) // ARGS.batch
    median = float(np.median(timed))
    print(f"{name} {tuple(x.shape)}, batch {ARGS.batch} ({n_batches} batches/epoch), {ARGS.loader} loader, "
          f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), CPU", flush=True)
    print(f"  warm-up epochs: {[round(m) for m in millis[:warmup]]} ms", flush=True)
    print(f"  {len(timed)} measured epochs: mean {np.mean(timed):.1f} ms/epoch, median {median:.1f}, "
          f"min {timed[0]:.1f}, max {timed[-1]:.1f}; per batch median {median / n_batches:.2f} ms; "
          f"last epoch loss {(rec_sum + kl_sum) / len(x):.3f}", flush=True)
    print(f"  training thread CPU time per measured epoch: median {cpu_median:.1f} ms, min {min(cpu_millis[warmup:]):.1f}",
          flush=True)
    print(f"RESULT model={name.split()[0]} median_ms_per_epoch={median:.1f} median_cpu_ms_per_epoch={cpu_median:.1f}",
          flush=True)


def main():
    torch.set_num_threads(ARGS.threads)
    rng = np.random.default_rng(ARGS.seed)
    if ARGS.model in ("basic", "both"):
        x = torch.from_numpy(rng.standard_normal((ARGS.rows, 40)).astype(np.float32))
        torch.manual_seed(ARGS.seed)
        time_epochs("basic VAE", BasicVae(40, ARGS.latent), x, ARGS.warmup, ARGS.epochs)
    if ARGS.model in ("conv", "both"):
        x = torch.from_numpy(rng.standard_normal((ARGS.rows, 1, 20, 128)).astype(np.float32))
        torch.manual_seed(ARGS.seed)
        time_epochs("conv VAE", ConvVae(20, 128, ARGS.latent), x, ARGS.conv_warmup, ARGS.conv_epochs)


if __name__ == "__main__":
    sys.exit(main())
